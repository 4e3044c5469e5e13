package dev.dspm.scanner.export;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One batch to the collector over WireMock: which answers are retried, how often, under which key, with which token. */
class CollectorTests {

    @RegisterExtension
    static WireMockExtension collector = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    static final byte[] BODY = "[{\"class_uid\":2006}]".getBytes(StandardCharsets.UTF_8);

    @Test
    void aTakenBatchIsOneRequestWithItsKeyTokenAndBody() {
        collector.stubFor(post("/in").willReturn(aResponse().withStatus(202)));
        AtomicInteger attempts = new AtomicInteger();

        Collector.Outcome outcome = collector(5, ExportSettings.Format.JSON, "t0k").send(BODY, "key-1",
                attempts::incrementAndGet, () -> false);

        assertThat(outcome).isEqualTo(new Collector.Accepted(202));
        assertThat(attempts).hasValue(1);
        collector.verify(1, postRequestedFor(urlEqualTo("/in")).withHeader("Idempotency-Key", equalTo("key-1"))
                .withHeader("Authorization", equalTo("Bearer t0k")).withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalTo(new String(BODY, StandardCharsets.UTF_8))));
    }

    @ParameterizedTest
    @ValueSource(ints = { 408, 429, 500, 502, 503 })
    void anAnswerThatAsksToComeBackIsRetriedUnderTheSameKey(int status) {
        collector.stubFor(post("/in").inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(status)).willSetStateTo("again"));
        collector.stubFor(post("/in").inScenario("s").whenScenarioStateIs("again").willReturn(aResponse().withStatus(200)));
        AtomicInteger attempts = new AtomicInteger();

        assertThat(collector(5, ExportSettings.Format.NDJSON, null).send(BODY, "key-2", attempts::incrementAndGet,
                () -> false)).isEqualTo(new Collector.Accepted(200));

        assertThat(attempts).hasValue(2);
        collector.verify(2, postRequestedFor(urlEqualTo("/in")).withHeader("Idempotency-Key", equalTo("key-2"))
                .withoutHeader("Authorization").withHeader("Content-Type", equalTo("application/x-ndjson")));
    }

    @ParameterizedTest
    @ValueSource(ints = { 400, 401, 403, 404, 413 })
    void anotherRefusalIsNotRetried(int status) {
        collector.stubFor(post("/in").willReturn(aResponse().withStatus(status).withBody("  no: t0k  ")));

        Collector.Outcome outcome = collector(5, ExportSettings.Format.SPLUNK_HEC, "t0k").send(BODY, "k", () -> { }, () -> false);

        assertThat(outcome).isEqualTo(new Collector.Failed(status, "HTTP " + status + ": no: [token]"));
        collector.verify(1, postRequestedFor(urlEqualTo("/in")).withHeader("Authorization", equalTo("Splunk t0k")));
    }

    @Test
    void aCollectorsAnswerIsInertTextForTheConsole() {
        collector.stubFor(post("/in").willReturn(aResponse().withStatus(400).withBody("bad\r\nexport: 9 events sent\u001b]0;pwned\u0007")));

        assertThat(collector(5, ExportSettings.Format.JSON, null).send(BODY, "k", () -> { }, () -> false)).isEqualTo(
                new Collector.Failed(400, "HTTP 400: bad\uFFFD\uFFFDexport: 9 events sent\uFFFD]0;pwned\uFFFD"));
    }

    @Test
    void noAnswerIsRetriedUpToTheAttemptsThenFails() {
        collector.stubFor(post("/in").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        AtomicInteger attempts = new AtomicInteger();

        Collector.Outcome outcome = collector(3, ExportSettings.Format.JSON, null).send(BODY, "k", attempts::incrementAndGet,
                () -> false);

        assertThat(outcome).isInstanceOfSatisfying(Collector.Failed.class, failed -> {
            assertThat(failed.status()).isNull();
            assertThat(failed.why()).startsWith("no answer (").endsWith(") after 3 attempts");
        });
        assertThat(attempts).hasValue(3);
        collector.verify(3, postRequestedFor(urlEqualTo("/in")));
    }

    @Test
    void theLastRetryableAnswerIsTheReasonAndOneAttemptIsSaidSo() {
        collector.stubFor(post("/in").willReturn(aResponse().withStatus(503).withBody("busy")));

        assertThat(collector(1, ExportSettings.Format.JSON, null).send(BODY, "k", () -> { }, () -> false))
                .isEqualTo(new Collector.Failed(503, "HTTP 503: busy after 1 attempt"));
        collector.verify(1, postRequestedFor(urlEqualTo("/in")));
    }

    @Test
    void aRetryAfterIsWaitedUpToTheLongestWait() {
        collector.stubFor(post("/in").inScenario("r").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("again"));
        collector.stubFor(post("/in").inScenario("r").whenScenarioStateIs("again").willReturn(aResponse().withStatus(200)));

        long started = System.nanoTime();
        assertThat(collector(2, ExportSettings.Format.JSON, null).send(BODY, "k", () -> { }, () -> false))
                .isEqualTo(new Collector.Accepted(200));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the 1 s the collector asked for, not the 10 ms backoff")
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void aStopEndsTheWaitForAnAnswerAndNoRequestLeavesAfterIt() {
        collector.stubFor(post("/in").willReturn(aResponse().withStatus(200).withFixedDelay(10_000)));
        long started = System.nanoTime();
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> collector(5, ExportSettings.Format.JSON, null).send(BODY, "k", attempts::incrementAndGet,
                () -> System.nanoTime() - started > Duration.ofMillis(300).toNanos())).isInstanceOf(Collector.Stopped.class);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(attempts).hasValue(1);
        assertThatThrownBy(() -> collector(5, ExportSettings.Format.JSON, null).send(BODY, "k", attempts::incrementAndGet,
                () -> true)).isInstanceOf(Collector.Stopped.class);
        assertThat(attempts).as("stopped before: nothing sent").hasValue(1);
    }

    @Test
    void onlyTimeoutsThrottlingAndServerErrorsAreRetryable() {
        assertThat(Collector.retryable(408)).isTrue();
        assertThat(Collector.retryable(429)).isTrue();
        assertThat(Collector.retryable(500)).isTrue();
        assertThat(Collector.retryable(499)).isFalse();
        assertThat(Collector.retryable(400)).isFalse();
        assertThat(Collector.retryable(413)).isFalse();
    }

    static Collector collector(int attempts, ExportSettings.Format format, String token) {
        return new Collector(new ExportSettings(URI.create("http://127.0.0.1:" + collector.getPort() + "/in"), token, null,
                format, 100, attempts, Duration.ofMillis(10), Duration.ofSeconds(2), Duration.ofSeconds(5)));
    }
}
