package dev.dspm.scanner.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The generic webhook as its receiver sees it: the Standard Webhooks headers, a signature that a verifier written here
 * from the specification accepts (and rejects for a changed body, another secret or an old timestamp), the exact
 * body, and retries: a 429 after its Retry-After, a 5xx with backoff, never a 4xx, the same webhook-id throughout.
 */
class WebhookTests {

    Receivers receivers = new Receivers();
    Clock clock = Clock.systemUTC();

    @AfterEach
    void stop() {
        receivers.close();
    }

    @Test
    void everyMessageIsSignedAsTheStandardWebhooksSpecificationSays() throws Exception {
        News news = NotifySamples.news(List.of(NotifySamples.finding(1, NotifySamples.MENTION, "ann@acme.example")), 1, null);
        String body = WebhookPayload.render(news, Instant.parse("2026-11-26T02:41:07Z"));

        Delivery delivery = dispatcher(4).send(Channel.WEBHOOK, "webhook", null, body, "msg_2Fe1x9");

        assertThat(delivery).isEqualTo(new Delivery(true, 1, "HTTP 200"));
        LoggedRequest received = receivers.posts(Receivers.HOOK).get(0);
        assertThat(received.getHeader("webhook-id")).isEqualTo("msg_2Fe1x9");
        assertThat(received.getHeader("Content-Type")).isEqualToIgnoringCase("application/json; charset=utf-8");
        assertThat(Verifier.verify(Receivers.SECRET, received, Instant.now())).isTrue();
        assertThat(received.getBodyAsString()).isEqualTo("""
                {"type":"dspm.run.ended","timestamp":"2026-11-26T02:41:07Z","data":{"tenant":"acme","run_id":42,\
                "command":"scan","outcome":"completed","complete":true,"incomplete_asset_types":[],\
                "new":{"LOW":0,"MEDIUM":0,"HIGH":1,"CRITICAL":0},"resolved":3,"widened":1,\
                "remediation":{"mode":"plan","held_back":null,"detail":null,"applied":0,"failed":0},"alerts":[],\
                "report_url":null,"report_path":"/var/lib/dspm-scanner/reports/42/report.html","min_severity":"HIGH",\
                "new_findings_total":1,"new_findings_truncated":false,"new_findings":[{"share_uid":"shr_1",\
                "asset_type":"FILE_SHARE","asset_name":"<!channel> payroll.xlsx","owner_id":"usr_1",\
                "owner_email":"ann@acme.example","owner_status":"ACTIVE","owner_delegated_to":null,"permission":"PUBLIC",\
                "policy_id":"public-file-share","severity":"HIGH","title":"File shared by a public link",\
                "recommended_scope":"TEAM_ONLY","first_seen":"2026-11-26T02:30:00Z",\
                "remediation_from":"2026-11-27T02:30:00Z"}]}}""");
        // the verifier is no rubber stamp
        assertThat(Verifier.verify("whsec_" + Base64.getEncoder().encodeToString(new byte[32]), received, Instant.now())).isFalse();
        assertThat(Verifier.verify(Receivers.SECRET, received, Instant.now().plus(Duration.ofMinutes(6)))).isFalse();
        assertThat(Verifier.check(Receivers.SECRET, received.getHeader("webhook-id"), received.getHeader("webhook-timestamp"),
                received.getBodyAsString().replace("\"HIGH\":1", "\"HIGH\":0"), received.getHeader("webhook-signature"),
                Instant.now())).isFalse();
    }

    @Test
    void aTooManyRequestsIsRetriedAfterItsRetryAfterUnderTheSameIdEachAttemptSignedAnew() throws Exception {
        receivers.http.stubFor(post(urlEqualTo(Receivers.HOOK)).inScenario("throttled").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("rested"));
        receivers.http.stubFor(post(urlEqualTo(Receivers.HOOK)).inScenario("throttled").whenScenarioStateIs("rested")
                .willReturn(aResponse().withStatus(204)));

        long started = System.nanoTime();
        Delivery delivery = dispatcher(4).send(Channel.WEBHOOK, "webhook", null, "{\"type\":\"dspm.test\"}", "msg_7");

        assertThat(delivery).isEqualTo(new Delivery(true, 2, "HTTP 204"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("waited out Retry-After").isGreaterThanOrEqualTo(
                Duration.ofSeconds(1));
        List<LoggedRequest> attempts = receivers.posts(Receivers.HOOK);
        assertThat(attempts).hasSize(2).allSatisfy(attempt -> {
            assertThat(attempt.getHeader("webhook-id")).isEqualTo("msg_7");
            assertThat(Verifier.verify(Receivers.SECRET, attempt, Instant.now())).isTrue();
        });
    }

    @Test
    void aServerErrorIsRetriedWithBackoffUpToMaxAttemptsAndAClientErrorIsNot() throws Exception {
        receivers.http.stubFor(post(urlEqualTo(Receivers.HOOK)).willReturn(aResponse().withStatus(503).withBody("<html>down")));
        receivers.http.stubFor(post(urlEqualTo(Receivers.SLACK)).willReturn(aResponse().withStatus(400)
                .withBody("invalid_blocks for " + Receivers.SLACK)));

        Delivery down = dispatcher(3).send(Channel.WEBHOOK, "webhook", null, "{}", "msg_8");
        Delivery refused = dispatcher(3).send(Channel.SLACK, "slack", null, "{}", "msg_9");

        assertThat(down).isEqualTo(new Delivery(false, 3, "HTTP 503 after 3 attempts"));
        assertThat(receivers.posts(Receivers.HOOK)).hasSize(3);
        assertThat(refused).isEqualTo(new Delivery(false, 1, "HTTP 400: invalid_blocks for [url]"));
        assertThat(receivers.posts(Receivers.SLACK)).hasSize(1);
    }

    @Test
    void aRetryAfterLongerThanMaxBackoffFailsAtOnceRatherThanHoldTheRun() throws Exception {
        receivers.http.stubFor(post(urlEqualTo(Receivers.HOOK)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "3600")));

        Delivery delivery = dispatcher(4).send(Channel.WEBHOOK, "webhook", null, "{}", "msg_10");

        assertThat(delivery).isEqualTo(new Delivery(false, 1,
                "HTTP 429, asked to retry after 3600 s, longer than dspm.notify.max-backoff"));
    }

    @Test
    void aReceiverThatIsNotThereIsTriedAgainAndNamedWithoutItsUrl() throws Exception {
        int port = receivers.http.port();
        Dispatcher dispatcher = dispatcher(2);
        receivers.close();

        Delivery delivery = dispatcher.send(Channel.WEBHOOK, "webhook", null, "{}", "msg_11");

        assertThat(delivery).isEqualTo(new Delivery(false, 2, "connection refused after 2 attempts"));
        assertThat(delivery.detail()).doesNotContain(Integer.toString(port));
    }

    private Dispatcher dispatcher(int maxAttempts) {
        NotifySettings settings = Settings.channels(receivers.url(Receivers.SLACK), null, receivers.url(Receivers.HOOK),
                Receivers.SECRET, maxAttempts, Duration.ofMillis(10), Duration.ofSeconds(5));
        return new Dispatcher(settings, Settings.NO_MAIL, clock, Backoff.REAL);
    }

    /**
     * A receiver's verification, written from the Standard Webhooks specification and nothing of the job's: the key is
     * the base64 after {@code whsec_}; the signed content {@code id.timestamp.body}; the header a space-separated list
     * of {@code v1,<base64 HMAC-SHA256>}, any of which may match, compared in constant time; a timestamp more than five
     * minutes from now is refused (replay).
     */
    static final class Verifier {

        static boolean verify(String secret, LoggedRequest request, Instant now) throws Exception {
            return check(secret, request.getHeader("webhook-id"), request.getHeader("webhook-timestamp"),
                    request.getBodyAsString(), request.getHeader("webhook-signature"), now);
        }

        static boolean check(String secret, String id, String timestamp, String body, String header, Instant now)
                throws Exception {
            if (Math.abs(Long.parseLong(timestamp) - now.getEpochSecond()) > 300) {
                return false;
            }
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            byte[] expected = hmac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            for (String signature : header.split(" ")) {
                String[] parts = signature.split(",", 2);
                if (parts.length == 2 && parts[0].equals("v1")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
                    return true;
                }
            }
            return false;
        }
    }
}
