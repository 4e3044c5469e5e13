package dev.dspm.scanner.manus;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.dspm.scanner.manus.ManusTestSupport.listBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import dev.dspm.scanner.manus.ManusApiException.ErrorCode;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.RecordedRequest;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * A connection that dies under a request costs a prompt retry, not the 30 s read timeout, whether it
 * is closed (the simulator's drop: no response byte, then FIN) or goes silent (a peer or middlebox gone
 * without a word: only time tells). update_scope is still never sent twice once the server may have
 * seen it. Clients here wait in real time, with the production read timeout.
 */
class DroppedConnectionTests {

    static final Duration READ_TIMEOUT = ApiSettings.DEFAULT_READ_TIMEOUT;
    /** Far under the read timeout; several drops with their backoff fit in it many times over. */
    static final Duration PROMPTLY = Duration.ofSeconds(5);
    /** An answer that would come after the read timeout: to the client, a connection gone silent. */
    static final int SILENT_MS = (int) READ_TIMEOUT.plusSeconds(5).toMillis();
    static final String LIST = "/v2/team.asset.list";
    static final String UPDATE = "/v2/team.asset.update_scope";

    @RegisterExtension
    static WireMockExtension server = ManusTestSupport.server();

    @Test
    void aListThroughConnectionsClosedWithoutAnswerIsServedPromptly() {
        try (ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(3, 300)))) {
            ManusClient client = client(simulator.baseUrl());
            simulator.faults().dropNext(3);

            long started = System.nanoTime();
            AssetPage page = client.listAssets(ListQuery.of(AssetType.FILE_SHARE, 100));

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPTLY);
            assertThat(page.total()).isEqualTo(simulator.tenant().size("ASSET_TYPE_FILE_SHARE"));
            // Each drop cost one request (the JDK itself re-sends a GET once, then we retry), then one answer.
            assertThat(simulator.requests()).extracting(RecordedRequest::status).containsExactly(0, 0, 0, 200);
        }
    }

    @Test
    void anUpdateWhoseConnectionIsClosedWithoutAnswerIsNotSentAgain() {
        try (ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(3, 30)))) {
            ManusClient client = client(simulator.baseUrl());
            simulator.faults().dropNext(1);

            ManusApiException e = catchThrowableOfType(ManusApiException.class,
                    () -> client.updateScope("share-1", ShareScope.OWNER, "n"));

            assertThat(e.code()).isEqualTo(ErrorCode.TRANSPORT);
            assertThat(simulator.requests()).extracting(RecordedRequest::status).containsExactly(0);
        }
    }

    @Test
    void aListWhoseConnectionsGoSilentIsAskedAgainAndServedPromptly() {
        sequence(() -> get(urlPathEqualTo(LIST)), okJson(listBody("r-silent-1", 1)).withFixedDelay(SILENT_MS),
                okJson(listBody("r-silent-2", 1)).withFixedDelay(SILENT_MS), okJson(listBody("r-ok", 1)));
        ManusClient client = client(URI.create(server.baseUrl()));

        long started = System.nanoTime();
        AssetPage page = client.listAssets(ListQuery.of(AssetType.FILE_SHARE, 100));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPTLY);
        assertThat(page.requestId()).isEqualTo("r-ok");
        server.verify(3, getRequestedFor(urlPathEqualTo(LIST)));
    }

    @Test
    void aSlowAnswerStillWinsWhenItComesBeforeTheRequestAskedBesideIt() {
        sequence(() -> get(urlPathEqualTo(LIST)), okJson(listBody("r-slow", 1)).withFixedDelay(2_500),
                okJson(listBody("r-beside", 1)).withFixedDelay(SILENT_MS));
        ManusClient client = client(URI.create(server.baseUrl()));

        long started = System.nanoTime();
        AssetPage page = client.listAssets(ListQuery.of(AssetType.FILE_SHARE, 100));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPTLY);
        assertThat(page.requestId()).isEqualTo("r-slow");
        server.verify(2, getRequestedFor(urlPathEqualTo(LIST)));
    }

    @Test
    void anUnansweredUpdateIsNeverAskedAgainBesideItself() {
        // A read timeout past the stall timeout's floor, so only the request's kind stops a second one.
        Duration readTimeout = StallTimeout.FLOOR.multipliedBy(3);
        server.stubFor(post(urlEqualTo(UPDATE)).willReturn(okJson("{\"ok\":true}").withFixedDelay(SILENT_MS)));
        ApiSettings settings = settings(URI.create(server.baseUrl()));
        ManusClient client = new ManusClient(new ApiSettings(settings.baseUrl(), settings.maxRequestsPerSecond(),
                settings.connectTimeout(), readTimeout, settings.maxAttempts(), settings.initialBackoff(),
                settings.maxBackoff()), keys(), new AdaptiveRateLimiter(settings.maxRequestsPerSecond()));

        ManusApiException e = catchThrowableOfType(ManusApiException.class,
                () -> client.updateScope("share-1", ShareScope.OWNER, "n"));

        assertThat(e.code()).isEqualTo(ErrorCode.TRANSPORT);
        server.verify(1, postRequestedFor(urlEqualTo(UPDATE)));
    }

    private static void sequence(Supplier<MappingBuilder> request, ResponseDefinitionBuilder... responses) {
        ManusTestSupport.sequence(server, request, responses);
    }

    private static ApiSettings settings(URI baseUrl) {
        ApiSettings defaults = ApiSettings.defaults();
        return new ApiSettings(baseUrl, 100, defaults.connectTimeout(), READ_TIMEOUT, defaults.maxAttempts(),
                defaults.initialBackoff(), defaults.maxBackoff());
    }

    private static ApiKeys keys() {
        return ApiKeys.load(Map.of(ApiKeys.AUDIT_KEY_ENV, ManusSimulator.AUDIT_KEY,
                ApiKeys.MGMT_KEY_ENV, ManusSimulator.MGMT_KEY)::get);
    }

    /** The production wiring: real waits, real randomness. */
    private static ManusClient client(URI baseUrl) {
        ApiSettings settings = settings(baseUrl);
        return new ManusClient(settings, keys(), new AdaptiveRateLimiter(settings.maxRequestsPerSecond()));
    }
}
