package dev.dspm.scanner.manus;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.dspm.scanner.manus.ManusTestSupport.errorBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.dspm.scanner.config.ConfigurationException;
import dev.dspm.scanner.manus.ManusApiException.ErrorCode;
import dev.dspm.scanner.manus.ManusTestSupport.RecordingSleeper;

/** team.asset.update_scope writes an audit row per call, so it is retried only when nothing was done. */
class UpdateScopeTests {

    static final String UPDATE = "/v2/team.asset.update_scope";

    @RegisterExtension
    static WireMockExtension server = ManusTestSupport.server();

    RecordingSleeper sleeper;
    ManusClient client;

    @BeforeEach
    void reset() {
        sleeper = new RecordingSleeper();
        client = ManusTestSupport.client(ManusTestSupport.settings(server), ManusTestSupport.bothKeys(), sleeper);
    }

    @Test
    void sendsTheOverrideWithTheMgmtKeyAndReturnsTheRequestId() {
        server.stubFor(post(urlEqualTo(UPDATE)).willReturn(okJson("{\"ok\":true,\"request_id\":\"r-upd\"}")));

        String note = "dspm-scanner run 42: \"public\" → team";
        String requestId = client.updateScope("share-9", ShareScope.TEAM_ONLY, note);

        assertThat(requestId).isEqualTo("r-upd");
        server.verify(1, postRequestedFor(urlEqualTo(UPDATE))
                .withHeader("X-API-Key", equalTo(ManusTestSupport.MGMT_SECRET))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"share_uid\":\"share-9\",\"permission\":\"SHARE_SCOPE_TEAM_ONLY\","
                        + "\"note\":\"dspm-scanner run 42: \\\"public\\\" → team\"}")));
    }

    @Test
    void noteIsLeftOutWhenAbsent() {
        server.stubFor(post(urlEqualTo(UPDATE)).willReturn(okJson("{\"ok\":true,\"request_id\":\"r\"}")));

        client.updateScope("share-9", ShareScope.OWNER, null);

        server.verify(postRequestedFor(urlEqualTo(UPDATE))
                .withRequestBody(equalToJson("{\"share_uid\":\"share-9\",\"permission\":\"SHARE_SCOPE_OWNER\"}")));
    }

    @Test
    void withoutTheMgmtKeyNothingIsSent() {
        client = ManusTestSupport.client(ManusTestSupport.settings(server), ManusTestSupport.auditOnly(), sleeper);

        assertThatThrownBy(() -> client.updateScope("share-9", ShareScope.OWNER, "note"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("MANUS_ASSET_MGMT_KEY");
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void unknownScopeIsRefusedBeforeSending() {
        assertThatThrownBy(() -> client.updateScope("share-9", ShareScope.UNKNOWN, "note"))
                .isInstanceOf(IllegalArgumentException.class);
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void throttledOverrideIsRetried() {
        sequence(aResponse().withStatus(429).withHeader("Retry-After", "2"),
                okJson("{\"ok\":true,\"request_id\":\"r-upd\"}"));

        assertThat(client.updateScope("share-9", ShareScope.OWNER, "n")).isEqualTo("r-upd");
        assertThat(sleeper.waits).singleElement()
                .satisfies(w -> assertThat(w).isGreaterThanOrEqualTo(Duration.ofSeconds(2)));
        server.verify(2, postRequestedFor(urlEqualTo(UPDATE)));
    }

    @Test
    void unavailableOverrideIsNotRetriedAndItsOutcomeIsUnknown() {
        // A 503 can follow a change the server made: only reading the share again tells.
        server.stubFor(post(urlEqualTo(UPDATE)).willReturn(aResponse().withStatus(503)
                .withBody(errorBody("r-1", "unavailable", "try later"))));

        ManusApiException e = updateFails();

        assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(e.refusedWithoutActing()).isFalse();
        assertThat(e.requestId()).isEqualTo("r-1");
        assertThat(sleeper.waits).isEmpty();
        server.verify(1, postRequestedFor(urlEqualTo(UPDATE)));
    }

    @Test
    void onlyA4xxAnswerProvesTheServerDidNothing() {
        for (int status : new int[] { 400, 401, 403, 404, 409, 412 }) {
            server.resetAll();
            server.stubFor(post(urlEqualTo(UPDATE)).willReturn(aResponse().withStatus(status)));
            assertThat(updateFails().refusedWithoutActing()).as("HTTP %d", status).isTrue();
            server.verify(1, postRequestedFor(urlEqualTo(UPDATE)));
        }
        for (int status : new int[] { 500, 502, 503, 504 }) {
            server.resetAll();
            server.stubFor(post(urlEqualTo(UPDATE)).willReturn(aResponse().withStatus(status)));
            assertThat(updateFails().refusedWithoutActing()).as("HTTP %d", status).isFalse();
        }
        server.resetAll();
        server.stubFor(post(urlEqualTo(UPDATE)).willReturn(okJson("{\"ok\":tru")));
        assertThat(updateFails().refusedWithoutActing()).as("an unreadable 200").isFalse();
    }

    @Test
    void aRequestIdLongerThanAnyColumnIsShortenedAndItsControlCharactersMadeVisible() {
        String id = "r-\\u001b]0;title\\u0007" + "x".repeat(400); // JSON escapes: ESC and BEL on arrival
        server.stubFor(post(urlEqualTo(UPDATE)).willReturn(okJson("{\"ok\":true,\"request_id\":\"" + id + "\"}")));

        String requestId = client.updateScope("share-9", ShareScope.OWNER, "n");

        assertThat(requestId).hasSize(129).startsWith("r-\uFFFD]0;title\uFFFDx").endsWith("x\u2026").doesNotContain("\u001b");
    }

    @Test
    void theKeyCheckAsksForAShareThatCannotExistAndPassesOnNotFound() {
        server.stubFor(post(urlEqualTo(UPDATE)).willReturn(aResponse().withStatus(404)
                .withBody(errorBody("r-k", "not_found", "no share"))));

        client.checkWriteKey();

        server.verify(1, postRequestedFor(urlEqualTo(UPDATE))
                .withHeader("X-API-Key", equalTo(ManusTestSupport.MGMT_SECRET))
                .withRequestBody(equalToJson("{\"share_uid\":\"dspm-scanner-key-check-no-such-share\","
                        + "\"permission\":\"SHARE_SCOPE_OWNER\",\"note\":\"dspm-scanner: checks that this key may call "
                        + "update_scope; no share has this uid\"}")));
    }

    @Test
    void theKeyCheckThrowsWhenTheKeyMayNotWrite() {
        server.stubFor(post(urlEqualTo(UPDATE)).willReturn(aResponse().withStatus(403)
                .withBody(errorBody("r-k", "permission_denied", "audit keys may only list"))));

        assertThat(catchThrowableOfType(ManusApiException.class, () -> client.checkWriteKey()).code())
                .isEqualTo(ErrorCode.PERMISSION_DENIED);
    }

    @Test
    void theKeyCheckIsRetriedOnAServerErrorSinceItCannotChangeAnything() {
        sequence(aResponse().withStatus(503), aResponse().withStatus(404).withBody(errorBody("r-k", "not_found", "no")));

        client.checkWriteKey();

        server.verify(2, postRequestedFor(urlEqualTo(UPDATE)));
    }

    @Test
    void notRetriedAfterAReadTimeout() {
        client = ManusTestSupport.client(ManusTestSupport.quickReadTimeout(server), ManusTestSupport.bothKeys(),
                sleeper);
        server.stubFor(post(urlEqualTo(UPDATE)).willReturn(okJson("{\"ok\":true,\"request_id\":\"late\"}")
                .withFixedDelay(1500)));

        ManusApiException e = updateFails();

        assertThat(e.code()).isEqualTo(ErrorCode.TRANSPORT);
        assertThat(sleeper.waits).isEmpty();
        server.verify(1, postRequestedFor(urlEqualTo(UPDATE)));
    }

    @Test
    void notRetriedAfterADroppedConnection() {
        server.stubFor(post(urlEqualTo(UPDATE)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThat(updateFails().code()).isEqualTo(ErrorCode.TRANSPORT);
        server.verify(1, postRequestedFor(urlEqualTo(UPDATE)));
    }

    @Test
    void notRetriedAfterAServerOrGatewayError() {
        for (int status : new int[] { 500, 502, 504 }) {
            server.resetAll();
            server.stubFor(post(urlEqualTo(UPDATE)).willReturn(aResponse().withStatus(status)));
            assertThat(updateFails().httpStatus()).isEqualTo(status);
            server.verify(1, postRequestedFor(urlEqualTo(UPDATE)));
        }
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void rejectionsAreReportedWithTheirCode() {
        server.stubFor(post(urlEqualTo(UPDATE)).willReturn(aResponse().withStatus(400)
                .withBody(errorBody("r-stale", "failed_precondition", "asset no longer exists"))));

        ManusApiException e = updateFails();

        assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
        assertThat(e.requestId()).isEqualTo("r-stale");
        server.verify(1, postRequestedFor(urlEqualTo(UPDATE)));
    }

    @Test
    void retriedWhenTheConnectionNeverOpened() {
        client = ManusTestSupport.client(ManusTestSupport.settings(server)
                .withBaseUrl(java.net.URI.create("http://127.0.0.1:1")), ManusTestSupport.bothKeys(), sleeper);

        assertThat(updateFails().code()).isEqualTo(ErrorCode.TRANSPORT);
        assertThat(sleeper.waits).hasSize(3);
    }

    private ManusApiException updateFails() {
        return catchThrowableOfType(ManusApiException.class,
                () -> client.updateScope("share-9", ShareScope.OWNER, "n"));
    }

    private void sequence(ResponseDefinitionBuilder... responses) {
        ManusTestSupport.sequence(server, () -> post(urlEqualTo(UPDATE)), responses);
    }
}
