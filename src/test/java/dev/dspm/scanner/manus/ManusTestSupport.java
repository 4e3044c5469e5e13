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

import com.github.tomakehurst.wiremock.WireMockServer;

/** WireMock on loopback, and clients wired to it with waits recorded instead of spent. */
final class ManusTestSupport {

    static final String AUDIT_SECRET = "audit-Sk9f3LqP0xZ7wT2vYb4N";
    static final String MGMT_SECRET = "mgmt-Qe8rT1uI5oP3aS6dF9gH";
    static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private ManusTestSupport() {
    }

    static WireMockServer startServer() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    static ApiSettings settings(WireMockServer server) {
        return new ApiSettings(URI.create("http://127.0.0.1:" + server.port()), 1000, Duration.ofSeconds(2),
                Duration.ofSeconds(5), 4, Duration.ofMillis(200), Duration.ofSeconds(30));
    }

    static ApiKeys auditOnly() {
        return ApiKeys.load(Map.of(ApiKeys.AUDIT_KEY_ENV, AUDIT_SECRET)::get);
    }

    static ApiKeys bothKeys() {
        return ApiKeys.load(Map.of(ApiKeys.AUDIT_KEY_ENV, AUDIT_SECRET, ApiKeys.MGMT_KEY_ENV, MGMT_SECRET)::get);
    }

    static ManusClient client(ApiSettings settings, ApiKeys keys, RecordingSleeper sleeper) {
        return new ManusClient(settings, keys, new AdaptiveRateLimiter(settings.maxRequestsPerSecond()), sleeper,
                new Random(7), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** Records each wait and returns at once. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> waits = new CopyOnWriteArrayList<>();

        @Override
        public void sleep(Duration duration) {
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
