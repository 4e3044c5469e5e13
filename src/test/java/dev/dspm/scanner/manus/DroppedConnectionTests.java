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

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.dspm.scanner.manus.ManusApiException.ErrorCode;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.RecordedRequest;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * A connection closed under a request (the simulator's drop: no response byte, then FIN) costs a prompt
 * retry, not the 30 s read timeout; so does an answer that trickles in past the attempt's deadline.
 * update_scope is never sent twice once the server may have seen it. Silent connections: see
 * {@link StalledRequestTests}.
 */
class DroppedConnectionTests {

    /** Far under the read timeout; several drops with their backoff fit in it many times over. */
    static final Duration PROMPTLY = Duration.ofSeconds(5);
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
            assertThat(client.tally().answers()).as("what the run's metrics count")
                    .isEqualTo(Map.of(new ApiTally.Answer("team.asset.update_scope", "transport"), 1L));
            assertThat(client.tally().retries()).isEmpty();
        }
    }

    @Test
    void aListWhoseAnswerTricklesPastTheAttemptDeadlineIsAskedAgain() {
        ApiSettings quick = ManusTestSupport.quickReadTimeout(server);
        ManusClient client = ManusTestSupport.client(quick, keys(), new ManusTestSupport.RecordingSleeper());
        ManusTestSupport.sequence(server, () -> get(urlPathEqualTo(LIST)), trickling(listBody("r-trickle", 1)),
                okJson(listBody("r-ok", 1)));

        long started = System.nanoTime();
        AssetPage page = client.listAssets(ListQuery.of(AssetType.FILE_SHARE, 100));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPTLY);
        assertThat(page.requestId()).isEqualTo("r-ok");
        server.verify(2, getRequestedFor(urlPathEqualTo(LIST)));
        assertThat(client.tally().answers()).containsEntry(new ApiTally.Answer("team.asset.list", "200"), 1L);
        assertThat(client.tally().retries()).isEqualTo(Map.of("team.asset.list", 1L));
    }

    @Test
    void anUpdateWhoseAnswerTricklesPastTheAttemptDeadlineIsNotSentAgain() {
        ApiSettings quick = ManusTestSupport.quickReadTimeout(server);
        ManusClient client = ManusTestSupport.client(quick, keys(), new ManusTestSupport.RecordingSleeper());
        server.stubFor(post(urlEqualTo(UPDATE)).willReturn(trickling("{\"ok\":true,\"request_id\":\"r-upd\"}")));

        ManusApiException e = catchThrowableOfType(ManusApiException.class,
                () -> client.updateScope("share-1", ShareScope.OWNER, "n"));

        assertThat(e.code()).isEqualTo(ErrorCode.TRANSPORT);
        // the attempt deadline, or on a loaded machine the request's own timeout before the headers: either way, once
        assertThat(e.getMessage()).containsAnyOf("no complete response within", "request timed out");
        server.verify(1, postRequestedFor(urlEqualTo(UPDATE)));
        assertThat(client.tally().answers()).isEqualTo(Map.of(new ApiTally.Answer("team.asset.update_scope", "timeout"), 1L));
        assertThat(client.tally().retries()).isEmpty();
    }

    /**
     * Headers at once (within the 300 ms read timeout), then the body a few bytes every 50 ms for 5 s:
     * past the attempt's deadline (connect timeout + twice the read timeout: 1.6 s).
     */
    private static ResponseDefinitionBuilder trickling(String json) {
        String padded = json.substring(0, json.length() - 1) + ",\"padding\":\"" + "x".repeat(2_000) + "\"}";
        return okJson(padded).withChunkedDribbleDelay(100, 5_000);
    }

    private static ApiSettings settings(URI baseUrl) {
        ApiSettings defaults = ApiSettings.defaults();
        return new ApiSettings(baseUrl, 100, defaults.connectTimeout(), ApiSettings.defaults().readTimeout(),
                defaults.maxAttempts(), defaults.initialBackoff(), defaults.maxBackoff());
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
