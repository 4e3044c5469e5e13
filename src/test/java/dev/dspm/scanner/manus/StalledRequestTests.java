package dev.dspm.scanner.manus;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.dspm.scanner.manus.ManusApiException.ErrorCode;

/**
 * A connection that goes silent (a peer or middlebox gone with neither FIN nor reset) looks exactly like
 * a slow answer; only the read timeout would end it. A list request unanswered for well past the usual
 * answer time is asked again beside itself and the first answer wins; update_scope never is. Clients
 * here wait in real time, with the production read timeout of 30 s.
 */
class StalledRequestTests {

    /** Far under the 30 s read timeout; two stuck requests with their backoff fit in it. */
    static final Duration PROMPTLY = Duration.ofSeconds(5);
    /** An answer that would come after the read timeout: to the client, a connection gone silent. */
    static final int SILENT_MS = (int) ApiSettings.defaults().readTimeout().plusSeconds(5).toMillis();
    static final String LIST = "/v2/team.asset.list";

    @RegisterExtension
    static WireMockExtension server = ManusTestSupport.server();

    @Test
    void aListWhoseConnectionsGoSilentIsAskedAgainServedPromptlyAndTheSilentOnesAreClosed() throws Exception {
        // request 1 warms the client up; 2 and 3 go unanswered; 4 is answered
        try (SilentServer silent = new SilentServer(n -> n == 1 || n == 4, listBody("r-ok", 1))) {
            ManusClient client = client(silent.baseUrl(), ApiSettings.defaults().readTimeout(), 6);
            list(client);

            long started = System.nanoTime();
            AssetPage page = list(client);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPTLY);
            assertThat(page.requestId()).isEqualTo("r-ok");
            assertThat(silent.requests()).isEqualTo(4);
            assertThat(silent.hungUpOn(2, Duration.ofSeconds(1))).as("stuck request 2 cancelled").isTrue();
            assertThat(silent.hungUpOn(3, Duration.ofSeconds(1))).as("stuck request 3 cancelled").isTrue();
        }
    }

    @Test
    void aListNeverTakesMoreThanMaxAttemptsRequestsHoweverManyGoSilent() throws Exception {
        try (SilentServer silent = new SilentServer(n -> false, "")) {
            ManusClient client = client(silent.baseUrl(), StallTimeout.FLOOR.multipliedBy(3), 2);

            ManusApiException e = catchThrowableOfType(ManusApiException.class, () -> list(client));

            assertThat(e.code()).isEqualTo(ErrorCode.TRANSPORT);
            assertThat(silent.requests()).isEqualTo(2);
        }
    }

    @Test
    void aSlowAnswerStillWinsWhenItComesBeforeTheRequestAskedBesideIt() {
        sequence(okJson(listBody("r-slow", 1)).withFixedDelay(2_500),
                okJson(listBody("r-beside", 1)).withFixedDelay(SILENT_MS));

        long started = System.nanoTime();
        AssetPage page = list(client(URI.create(server.baseUrl()), ApiSettings.defaults().readTimeout(), 6));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPTLY);
        assertThat(page.requestId()).isEqualTo("r-slow");
        server.verify(2, getRequestedFor(urlPathEqualTo(LIST)));
    }

    @Test
    void theLastAttemptFailingLeavesTheCallWaitingForAnEarlierOneStillOpen() {
        sequence(okJson(listBody("r-slow", 1)).withFixedDelay(2_500), aResponse().withStatus(503));

        AssetPage page = list(client(URI.create(server.baseUrl()), ApiSettings.defaults().readTimeout(), 2));

        assertThat(page.requestId()).isEqualTo("r-slow");
        server.verify(2, getRequestedFor(urlPathEqualTo(LIST)));
    }

    @Test
    void aServerThatAnsweredSlowlyBeforeIsGivenLongerBeforeAskingAgain() {
        // 600 ms once: the next request is presumed stuck only after 2.4 s, so 1.5 s is just slow
        sequence(okJson(listBody("r-1", 1)).withFixedDelay(600), okJson(listBody("r-2", 1)).withFixedDelay(1_500));
        ManusClient client = client(URI.create(server.baseUrl()), ApiSettings.defaults().readTimeout(), 6);

        list(client);
        AssetPage page = list(client);

        assertThat(page.requestId()).isEqualTo("r-2");
        server.verify(2, getRequestedFor(urlPathEqualTo(LIST)));
    }

    @Test
    void anUnansweredUpdateIsNeverAskedAgainBesideItself() {
        // A read timeout past the stall timeout's floor, so only the request's kind stops a second one.
        server.stubFor(post(urlEqualTo("/v2/team.asset.update_scope"))
                .willReturn(okJson("{\"ok\":true}").withFixedDelay(SILENT_MS)));
        ManusClient client = client(URI.create(server.baseUrl()), StallTimeout.FLOOR.multipliedBy(3), 6);

        ManusApiException e = catchThrowableOfType(ManusApiException.class,
                () -> client.updateScope("share-1", ShareScope.OWNER, "n"));

        assertThat(e.code()).isEqualTo(ErrorCode.TRANSPORT);
        server.verify(1, postRequestedFor(urlEqualTo("/v2/team.asset.update_scope")));
    }

    private static void sequence(ResponseDefinitionBuilder... responses) {
        ManusTestSupport.sequence(server, () -> get(urlPathEqualTo(LIST)), responses);
    }

    private static AssetPage list(ManusClient client) {
        return client.listAssets(ListQuery.of(AssetType.FILE_SHARE, 100));
    }

    /** The production wiring (real waits, real randomness) with the default backoff. */
    private static ManusClient client(URI baseUrl, Duration readTimeout, int maxAttempts) {
        ApiSettings defaults = ApiSettings.defaults();
        ApiSettings settings = new ApiSettings(baseUrl, 100, defaults.connectTimeout(), readTimeout, maxAttempts,
                defaults.initialBackoff(), defaults.maxBackoff());
        return new ManusClient(settings, ManusTestSupport.bothKeys(), new AdaptiveRateLimiter(100));
    }
}
