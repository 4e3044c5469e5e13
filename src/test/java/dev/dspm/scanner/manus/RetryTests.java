package dev.dspm.scanner.manus;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.dspm.scanner.manus.ManusTestSupport.errorBody;
import static dev.dspm.scanner.manus.ManusTestSupport.listBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.dspm.scanner.manus.ManusApiException.ErrorCode;
import dev.dspm.scanner.manus.ManusTestSupport.RecordingSleeper;

/** Retries of team.asset.list: which failures are retried, how long it waits, when it gives up. */
class RetryTests {

    static final String LIST = "/v2/team.asset.list";
    static final String ASSET = "{\"uid\":\"s-1\",\"asset_name\":\"Q3 plan\"}";

    @RegisterExtension
    static WireMockExtension server = ManusTestSupport.server();

    RecordingSleeper sleeper;
    ApiSettings settings;
    ManusClient client;

    @BeforeEach
    void reset() {
        sleeper = new RecordingSleeper();
        settings = ManusTestSupport.settings(server); // 4 attempts
        client = ManusTestSupport.client(settings, ManusTestSupport.auditOnly(), sleeper);
    }

    @Test
    void throttledThenServedHonouringRetryAfter() {
        sequence(aResponse().withStatus(429).withHeader("Retry-After", "3")
                .withBody(errorBody("r-429", "resource_exhausted", "slow down")),
                okJson(listBody("r-ok", 1, ASSET)));

        AssetPage page = list();

        assertThat(page.assets()).extracting(Asset::uid).containsExactly("s-1");
        assertThat(page.requestId()).isEqualTo("r-ok");
        assertThat(page.throttled()).isEqualTo(1);
        assertThat(sleeper.waits).singleElement()
                .satisfies(w -> assertThat(w).isGreaterThanOrEqualTo(Duration.ofSeconds(3)));
        server.verify(2, getRequestedFor(urlPathEqualTo(LIST)));
    }

    @Test
    void retryAfterAsHttpDateIsHonoured() {
        sequence(aResponse().withStatus(429).withHeader("Retry-After", "Sat, 01 Mar 2025 12:00:10 GMT"),
                okJson(listBody("r-ok", 1, ASSET)));

        list();

        assertThat(sleeper.waits).singleElement()
                .satisfies(w -> assertThat(w).isGreaterThanOrEqualTo(Duration.ofSeconds(10)));
    }

    @Test
    void unavailableThenServed() {
        sequence(aResponse().withStatus(503).withBody(errorBody("r-503", "unavailable", "restarting")),
                aResponse().withStatus(502).withBody("<html>bad gateway</html>"),
                okJson(listBody("r-ok", 1, ASSET)));

        assertThat(list().assets()).hasSize(1);
        assertThat(sleeper.waits).hasSize(2);
        server.verify(3, getRequestedFor(urlPathEqualTo(LIST)));
    }

    /** Codes the API reference does not list mean what their HTTP status means: a read is retried. */
    @Test
    void aServerErrorWithACodeNobodyListedIsRetriedByItsStatus() {
        sequence(aResponse().withStatus(504).withBody(errorBody("r-1", "deadline_exceeded", "took too long")),
                aResponse().withStatus(500).withBody(errorBody("r-2", "unknown", "?")),
                aResponse().withStatus(503).withBody(errorBody("r-3", "aborted", "conflict")),
                okJson(listBody("r-ok", 1, ASSET)));

        assertThat(list().assets()).hasSize(1);
        server.verify(4, getRequestedFor(urlPathEqualTo(LIST)));
    }

    @Test
    void aThrottleWithACodeNobodyListedIsAThrottle() {
        sequence(aResponse().withStatus(429).withHeader("Retry-After", "2").withBody(errorBody("r-1", "quota_exceeded", "later")),
                okJson(listBody("r-ok", 1, ASSET)));

        AssetPage page = list();

        assertThat(page.throttled()).isEqualTo(1);
        assertThat(sleeper.waits).singleElement().satisfies(w -> assertThat(w).isGreaterThanOrEqualTo(Duration.ofSeconds(2)));
    }

    /*
     * The JDK's HttpClient itself sends a GET once more when the connection drops before any byte of
     * the answer (POST it never repeats), so each of our attempts may show up as two requests.
     */
    @Test
    void droppedConnectionThenServed() {
        sequence(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), okJson(listBody("r-ok", 1, ASSET)));

        assertThat(list().assets()).hasSize(1);
        assertThat(sleeper.waits).as("one retry of ours, after the JDK's own").hasSize(1);
        server.verify(3, getRequestedFor(urlPathEqualTo(LIST)));
    }

    @Test
    void emptyReplyThenServed() {
        sequence(aResponse().withFault(Fault.EMPTY_RESPONSE), okJson(listBody("r-ok", 1, ASSET)));

        assertThat(list().assets()).hasSize(1);
    }

    @Test
    void truncatedBodyIsRetriedOnce() {
        sequence(okJson("{\"ok\":true,\"request_id\":\"r-cut\",\"assets\":[{\"uid\":"),
                okJson(listBody("r-ok", 1, ASSET)));

        assertThat(list().assets()).hasSize(1);
        server.verify(2, getRequestedFor(urlPathEqualTo(LIST)));
    }

    @Test
    void persistentlyUnreadableBodyIsNotRetriedForever() {
        server.stubFor(get(urlPathEqualTo(LIST)).willReturn(okJson("<html>captive portal</html>")));

        ManusApiException e = listFails();

        assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL);
        server.verify(2, getRequestedFor(urlPathEqualTo(LIST)));
    }

    @Test
    void readTimeoutIsRetried() {
        client = ManusTestSupport.client(ManusTestSupport.quickReadTimeout(server), ManusTestSupport.auditOnly(), sleeper);
        sequence(okJson(listBody("r-slow", 1, ASSET)).withFixedDelay(1500), okJson(listBody("r-ok", 1, ASSET)));

        AssetPage page = list();

        assertThat(page.requestId()).isEqualTo("r-ok");
        server.verify(2, getRequestedFor(urlPathEqualTo(LIST)));
    }

    @Test
    void badRequestIsNotRetried() {
        server.stubFor(get(urlPathEqualTo(LIST)).willReturn(aResponse().withStatus(400)
                .withBody(errorBody("r-400", "invalid_argument", "limit must be 1..1000"))));

        ManusApiException e = listFails();

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(sleeper.waits).isEmpty();
        server.verify(1, getRequestedFor(urlPathEqualTo(LIST)));
    }

    @Test
    void forbiddenIsNotRetried() {
        server.stubFor(get(urlPathEqualTo(LIST)).willReturn(aResponse().withStatus(403)));

        assertThat(listFails().code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(sleeper.waits).isEmpty();
        server.verify(1, getRequestedFor(urlPathEqualTo(LIST)));
    }

    @Test
    void unauthenticatedNotFoundAndConflictAreNotRetried() {
        for (int status : new int[] { 401, 404, 409 }) {
            server.resetAll();
            server.stubFor(get(urlPathEqualTo(LIST)).willReturn(aResponse().withStatus(status)));
            listFails();
            server.verify(1, getRequestedFor(urlPathEqualTo(LIST)));
        }
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastError() {
        server.stubFor(get(urlPathEqualTo(LIST)).willReturn(aResponse().withStatus(500)
                .withBody(errorBody("r-500", "internal", "database down"))));

        ManusApiException e = listFails();

        assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(e.requestId()).isEqualTo("r-500");
        assertThat(sleeper.waits).hasSize(settings.maxAttempts() - 1);
        server.verify(settings.maxAttempts(), getRequestedFor(urlPathEqualTo(LIST)));
    }

    @Test
    void givesUpOnPersistentResetsAsTransport() {
        server.stubFor(get(urlPathEqualTo(LIST)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        ManusApiException e = listFails();

        assertThat(e.code()).isEqualTo(ErrorCode.TRANSPORT);
        assertThat(e.httpStatus()).isZero();
        assertThat(e.retryable()).isTrue();
        assertThat(sleeper.waits).hasSize(settings.maxAttempts() - 1);
        // twice per attempt: see droppedConnectionThenServed
        server.verify(2 * settings.maxAttempts(), getRequestedFor(urlPathEqualTo(LIST)));
    }

    @Test
    void backoffGrowsBetweenAttempts() {
        server.stubFor(get(urlPathEqualTo(LIST)).willReturn(aResponse().withStatus(503)));

        listFails();

        assertThat(sleeper.waits).hasSize(3);
        for (int i = 0; i < sleeper.waits.size(); i++) {
            assertThat(sleeper.waits.get(i)).isLessThanOrEqualTo(Duration.ofMillis(200L << i));
        }
    }

    @Test
    void aRetryAfterLongerThanFiveMinutesEndsTheCallInsteadOfHangingTheRun() {
        server.stubFor(get(urlPathEqualTo(LIST))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "86400")));

        assertThat(listFails().code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
        assertThat(sleeper.waits).isEmpty();
        server.verify(1, getRequestedFor(urlPathEqualTo(LIST)));
    }

    @Test
    void aRetryAfterOfExactlyTheLimitIsSatOut() {
        String limit = Long.toString(Backoff.MAX_RETRY_AFTER.toSeconds());
        sequence(aResponse().withStatus(429).withHeader("Retry-After", limit), okJson(listBody("r-ok", 1, ASSET)));

        assertThat(list().requestId()).isEqualTo("r-ok");
        assertThat(sleeper.waits).containsExactly(Backoff.MAX_RETRY_AFTER);
    }

    @Test
    void unreachableServerIsTransport() {
        server.stubFor(get(urlPathEqualTo(LIST)).willReturn(okJson(listBody("r", 0))));
        ApiSettings closedPort = settings.withBaseUrl(java.net.URI.create("http://127.0.0.1:1"));
        client = ManusTestSupport.client(closedPort, ManusTestSupport.auditOnly(), sleeper);

        assertThat(listFails().code()).isEqualTo(ErrorCode.TRANSPORT);
        assertThat(sleeper.waits).hasSize(settings.maxAttempts() - 1);
    }

    @Test
    void theFirstExchangeOfAClientGoesAloneSoThreadsStartingTogetherSendNoBurst() throws Exception {
        server.stubFor(get(urlPathEqualTo(LIST)).willReturn(okJson(listBody("r-ok", 1, ASSET)).withFixedDelay(1_000)));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<AssetPage> first = threads.submit(this::list);
            while (server.findAll(getRequestedFor(urlPathEqualTo(LIST))).isEmpty()) {
                Thread.sleep(5);
            }
            Future<AssetPage> second = threads.submit(this::list);
            Thread.sleep(300);

            server.verify(1, getRequestedFor(urlPathEqualTo(LIST)));
            assertThat(first.get().requestId()).isEqualTo("r-ok");
            assertThat(second.get().requestId()).isEqualTo("r-ok");
            server.verify(2, getRequestedFor(urlPathEqualTo(LIST)));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void answersReachTheRateLimiterA429CutsTheRateHeldWhileTheCutIsOnTrial() {
        AdaptiveRateLimiter limiter = new AdaptiveRateLimiter(settings.maxRequestsPerSecond());
        client = new ManusClient(settings, ManusTestSupport.auditOnly(), limiter, sleeper, new Random(7),
                Clock.fixed(ManusTestSupport.NOW, ZoneOffset.UTC));
        sequence(aResponse().withStatus(429).withBody(errorBody("r-429", "resource_exhausted", "slow down")),
                okJson(listBody("r-ok", 1, ASSET)));

        list();

        // the success is the first answer at the lower rate: the rate stays there until the trial ends
        double cut = settings.maxRequestsPerSecond() * AdaptiveRateLimiter.HARD_DECREASE_FACTOR;
        assertThat(limiter.throttledCount()).isEqualTo(1);
        assertThat(limiter.currentRate()).isCloseTo(cut, within(1e-9));
    }

    private void sequence(ResponseDefinitionBuilder... responses) {
        ManusTestSupport.sequence(server, () -> get(urlPathEqualTo(LIST)), responses);
    }

    private AssetPage list() {
        return client.listAssets(ListQuery.of(AssetType.FILE_SHARE, 100));
    }

    private ManusApiException listFails() {
        return catchThrowableOfType(ManusApiException.class, this::list);
    }
}
