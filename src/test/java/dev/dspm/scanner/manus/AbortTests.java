package dev.dspm.scanner.manus;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.dspm.scanner.manus.ManusTestSupport.errorBody;
import static dev.dspm.scanner.manus.ManusTestSupport.listBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.dspm.scanner.manus.ManusApiException.ErrorCode;

/**
 * {@link ManusClient#abort(String)}: whatever a call is waiting for, it ends at once with ABORTED, and no
 * request is sent any more. Clients here are wired as in production (real waits); the bound on "at once"
 * is generous, for a loaded machine.
 */
class AbortTests {

    static final Duration PROMPTLY = Duration.ofSeconds(1);
    static final String LIST = "/v2/team.asset.list";
    static final String UPDATE = "/v2/team.asset.update_scope";
    static final String REASON = "SIGTERM received";

    @RegisterExtension
    static WireMockExtension server = ManusTestSupport.server();

    final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    @Test
    void aCallWaitingForAnAnswerEndsAtOnceItsExchangeIsClosedAndOneQueuedBehindItEndsToo() throws Exception {
        try (SilentServer silent = new SilentServer(n -> false, "")) {
            ManusClient client = client(silent.baseUrl(), 100);
            Future<AssetPage> inFlight = callers.submit(() -> list(client, 0));
            awaitRequests(silent::requests, 1);
            // the first exchange of a client goes alone: this one waits for it
            Future<AssetPage> queued = callers.submit(() -> list(client, 100));
            Thread.sleep(100);

            long abortedAt = System.nanoTime();
            client.abort(REASON);

            ManusApiException stuck = failure(inFlight);
            ManusApiException behind = failure(queued);
            assertThat(Duration.ofNanos(System.nanoTime() - abortedAt)).isLessThan(PROMPTLY);
            assertThat(silent.hungUpOn(1, PROMPTLY)).as("the exchange in flight was cancelled").isTrue();
            assertThat(stuck.code()).isEqualTo(ErrorCode.ABORTED);
            assertThat(stuck.retryable()).isFalse();
            assertThat(stuck.getMessage()).contains("team.asset.list FILE_SHARE offset=0", REASON)
                    .doesNotContain("may have applied");
            assertThat(behind.code()).isEqualTo(ErrorCode.ABORTED);
            assertThat(behind.getMessage()).contains("offset=100", REASON);
            // past the point where a request stuck this long would have been asked again
            Thread.sleep(StallTimeout.FLOOR.plusMillis(500).toMillis());
            assertThat(silent.requests()).isEqualTo(1);
        }
    }

    @Test
    void anInterruptedCallerGetsTransportAndKeepsItsInterrupt() throws Exception {
        server.stubFor(get(urlPathEqualTo(LIST)).willReturn(okJson(listBody("r-late", 1)).withFixedDelay(10_000)));
        ManusClient client = client(wireMock(), 100);
        CompletableFuture<Boolean> interruptKept = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                list(client, 0);
            } catch (ManusApiException e) {
                interruptKept.complete(e.code() == ErrorCode.TRANSPORT && Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        awaitRequests(AbortTests::wireMockRequests, 1);

        caller.interrupt();

        assertThat(interruptKept.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    }

    @Test
    void aCallSittingOutARetryAfterEndsAtOnce() throws Exception {
        server.stubFor(get(urlPathEqualTo(LIST)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")
                .withBody(errorBody("r-429", "resource_exhausted", "slow down"))));
        ManusClient client = client(wireMock(), 100);
        Future<AssetPage> waiting = callers.submit(() -> list(client, 0));
        awaitRequests(AbortTests::wireMockRequests, 1);
        Thread.sleep(200);

        long abortedAt = System.nanoTime();
        client.abort(REASON);

        ManusApiException e = failure(waiting);
        assertThat(Duration.ofNanos(System.nanoTime() - abortedAt)).isLessThan(PROMPTLY);
        assertThat(e.code()).isEqualTo(ErrorCode.ABORTED);
        assertThat(e.getMessage()).contains("team.asset.list", REASON);
        assertNothingMoreSent(1);
    }

    @Test
    void aCallQueuedForTheRateLimiterEndsAtOnce() throws Exception {
        server.stubFor(get(urlPathEqualTo(LIST)).willReturn(okJson(listBody("r-ok", 1))));
        ManusClient client = client(wireMock(), 0.2); // one request per 5 s
        list(client, 0);
        Future<AssetPage> queued = callers.submit(() -> list(client, 100));
        Thread.sleep(200);

        long abortedAt = System.nanoTime();
        client.abort(REASON);

        ManusApiException e = failure(queued);
        assertThat(Duration.ofNanos(System.nanoTime() - abortedAt)).isLessThan(PROMPTLY);
        assertThat(e.code()).isEqualTo(ErrorCode.ABORTED);
        assertThat(e.getMessage()).contains("offset=100", REASON);
        assertNothingMoreSent(1);
    }

    @Test
    void anUpdateCancelledInFlightSaysTheServerMayHaveAppliedIt() throws Exception {
        server.stubFor(post(urlEqualTo(UPDATE)).willReturn(okJson("{\"ok\":true}").withFixedDelay(10_000)));
        ManusClient client = client(wireMock(), 100);
        Future<String> inFlight = callers.submit(() -> client.updateScope("share-9", ShareScope.OWNER, "n"));
        awaitRequests(AbortTests::wireMockRequests, 1);

        client.abort(REASON);

        ManusApiException e = failure(inFlight);
        assertThat(e.code()).isEqualTo(ErrorCode.ABORTED);
        assertThat(e.getMessage()).contains("team.asset.update_scope share-9", REASON, "may have applied");
        assertNothingMoreSent(1);
    }

    @Test
    void everyLaterCallFailsWithTheFirstReasonAndSendsNothing() {
        ManusClient client = client(wireMock(), 100);
        client.abort(REASON);
        client.abort("a second reason");

        ManusApiException listing = catchThrowableOfType(ManusApiException.class, () -> list(client, 0));
        ManusApiException updating = catchThrowableOfType(ManusApiException.class,
                () -> client.updateScope("share-9", ShareScope.OWNER, "n"));

        assertThat(listing.code()).isEqualTo(ErrorCode.ABORTED);
        assertThat(listing.getMessage()).contains(REASON).doesNotContain("a second reason");
        assertThat(updating.code()).isEqualTo(ErrorCode.ABORTED);
        assertThat(updating.getMessage()).contains("team.asset.update_scope", REASON)
                .doesNotContain("may have applied");
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    private static URI wireMock() {
        return URI.create(server.baseUrl());
    }

    private static int wireMockRequests() {
        return server.findAll(anyRequestedFor(anyUrl())).size();
    }

    private static ManusClient client(URI baseUrl, double requestsPerSecond) {
        ApiSettings base = ManusTestSupport.settings(server);
        ApiSettings settings = new ApiSettings(baseUrl, requestsPerSecond, base.connectTimeout(),
                ApiSettings.defaults().readTimeout(), base.maxAttempts(), base.initialBackoff(), base.maxBackoff());
        return new ManusClient(settings, ManusTestSupport.bothKeys(), new AdaptiveRateLimiter(requestsPerSecond));
    }

    private static AssetPage list(ManusClient client, int offset) {
        return client.listAssets(ListQuery.of(AssetType.FILE_SHARE, 100).withOffset(offset));
    }

    /** How the call ended, waiting no longer than {@link #PROMPTLY}. */
    private static ManusApiException failure(Future<?> call) throws InterruptedException {
        try {
            call.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ManusApiException.class);
            return (ManusApiException) e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("the call was still running " + PROMPTLY.toMillis() + " ms after abort()", e);
        }
        throw new AssertionError("the call succeeded after abort()");
    }

    private static void awaitRequests(IntSupplier requests, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (requests.getAsInt() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server never saw " + count + " request(s)");
            }
            Thread.sleep(10);
        }
    }

    /** Still {@code count} requests after the client had time for a retry or a request beside a stuck one. */
    private static void assertNothingMoreSent(int count) throws InterruptedException {
        Thread.sleep(StallTimeout.FLOOR.plusMillis(500).toMillis());
        server.verify(count, anyRequestedFor(anyUrl()));
    }
}
