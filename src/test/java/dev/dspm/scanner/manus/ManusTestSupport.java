package dev.dspm.scanner.manus;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

/** WireMock on loopback, and clients wired to it with waits recorded instead of spent. */
final class ManusTestSupport {

    static final String AUDIT_SECRET = "audit-Sk9f3LqP0xZ7wT2vYb4N";
    static final String MGMT_SECRET = "mgmt-Qe8rT1uI5oP3aS6dF9gH";
    static final String USER_SECRET = "user-Zt4wX7cV0bN2mL5kJ8hG";
    static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private ManusTestSupport() {
    }

    /** A server for one test class, on loopback; its stubs, requests and scenarios are reset before each test. */
    static WireMockExtension server() {
        return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                .build();
    }

    static ApiSettings settings(WireMockExtension server) {
        return new ApiSettings(URI.create("http://127.0.0.1:" + server.getPort()), 1000, Duration.ofSeconds(2),
                Duration.ofSeconds(5), 4, Duration.ofMillis(200), Duration.ofSeconds(30));
    }

    /** {@link #settings} with a 300 ms read timeout (and a 1 s connect timeout), for answers that come too late. */
    static ApiSettings quickReadTimeout(WireMockExtension server) {
        ApiSettings base = settings(server);
        return new ApiSettings(base.baseUrl(), base.maxRequestsPerSecond(), Duration.ofSeconds(1),
                Duration.ofMillis(300), base.maxAttempts(), base.initialBackoff(), base.maxBackoff());
    }

    /** Stubs {@code request} to answer with each response in turn, then with the last one for good. */
    static void sequence(WireMockExtension server, Supplier<MappingBuilder> request,
            ResponseDefinitionBuilder... responses) {
        String state = Scenario.STARTED;
        for (int i = 0; i < responses.length; i++) {
            String next = i == responses.length - 1 ? state : "step-" + (i + 1);
            server.stubFor(request.get().inScenario("sequence").whenScenarioStateIs(state).willReturn(responses[i])
                    .willSetStateTo(next));
            state = next;
        }
    }

    static ApiKeys auditOnly() {
        return ApiKeys.load(Map.of(ApiKeys.AUDIT_KEY_ENV, AUDIT_SECRET)::get);
    }

    static ApiKeys bothKeys() {
        return ApiKeys.load(Map.of(ApiKeys.AUDIT_KEY_ENV, AUDIT_SECRET, ApiKeys.MGMT_KEY_ENV, MGMT_SECRET)::get);
    }

    /** All three keys: audit, management and user management. */
    static ApiKeys allKeys() {
        return ApiKeys.load(Map.of(ApiKeys.AUDIT_KEY_ENV, AUDIT_SECRET, ApiKeys.MGMT_KEY_ENV, MGMT_SECRET,
                ApiKeys.USER_KEY_ENV, USER_SECRET)::get);
    }

    static ManusClient client(ApiSettings settings, ApiKeys keys, RecordingSleeper sleeper) {
        return new ManusClient(settings, keys, new AdaptiveRateLimiter(settings.maxRequestsPerSecond()), sleeper,
                new Random(7), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** Records each wait and returns at once. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> waits = new CopyOnWriteArrayList<>();

        @Override
        public void sleep(Duration duration, Future<?> wakeUp) {
            waits.add(duration);
        }
    }

    /** A minimal successful list body holding the given asset objects. */
    static String listBody(String requestId, long total, String... assets) {
        return "{\"ok\":true,\"request_id\":\"" + requestId + "\",\"assets\":[" + String.join(",", assets)
                + "],\"total\":" + total + ",\"limit\":100,\"offset\":0}";
    }

    static String errorBody(String requestId, String code, String message) {
        return "{\"ok\":false,\"request_id\":\"" + requestId + "\",\"error\":{\"code\":\"" + code
                + "\",\"message\":\"" + message + "\"}}";
    }
}
