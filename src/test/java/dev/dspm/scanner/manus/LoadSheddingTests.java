package dev.dspm.scanner.manus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAccumulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.RecordedRequest;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * The shared limiter against the project's simulator over loopback, several threads paging through it: a server
 * shedding load (1 in 7 requests answered 429, 1 in 11 503, whatever the rate) costs retries, not pace, while a
 * server's token bucket is still found. Asserted by counts from the simulator's request log.
 */
class LoadSheddingTests {

    static final int THREADS = 5;

    final ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(27, 2_000)));
    final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stop() {
        pool.shutdownNow();
        simulator.close();
    }

    @Test
    void aServerSheddingLoadCostsRetriesNotPace() throws Exception {
        simulator.faults().shedLoad(7, 11); // 429s carry Retry-After: 1
        double ceiling = 50;
        int pages = 150;
        AdaptiveRateLimiter limiter = new AdaptiveRateLimiter(ceiling);

        double minRate = page(limiter, pages);

        List<Integer> statuses = simulator.requests().stream().map(RecordedRequest::status).toList();
        int sent = statuses.size();
        long refused429 = statuses.stream().filter(s -> s == 429).count();
        long refused503 = statuses.stream().filter(s -> s == 503).count();
        System.out.printf("shedding: %d pages, %d requests, %d answered 429, %d 503; rate min %.1f, end %.1f/s%n",
                pages, sent, refused429, refused503, minRate, limiter.currentRate());
        // every page, plus one retry per refusal, and nothing else
        long answered = assertEveryPageAnswered(pages);
        assertThat(sent).isEqualTo(answered + refused429 + refused503);
        assertThat(refused429).isEqualTo(sent / 7);
        assertThat(refused503).isEqualTo(sent / 11 - sent / 77);
        assertThat(limiter.throttledCount()).isEqualTo(refused429);
        // one cut is put on trial and undone; the limiter's floor is 0.5/s, and today's limiter ends there
        assertThat(minRate).isGreaterThanOrEqualTo(0.7 * ceiling - 1e-9);
        assertThat(limiter.currentRate()).isEqualTo(ceiling);
        assertRetryAfterHeldOnlyItsOwnRequest();
    }

    @Test
    void aTokenBucketIsStillFoundWithFew429s() throws Exception {
        simulator.faults().rateLimit(10, 10);
        int pages = 100;
        AdaptiveRateLimiter limiter = new AdaptiveRateLimiter(ApiSettings.defaults().maxRequestsPerSecond());

        page(limiter, pages);

        List<Integer> statuses = simulator.requests().stream().map(RecordedRequest::status).toList();
        long refused = statuses.stream().filter(s -> s == 429).count();
        System.out.printf("token bucket 10/s: %d pages, %d requests, %d answered 429, rate at the end %.1f/s%n", pages,
                statuses.size(), refused, limiter.currentRate());
        long answered = assertEveryPageAnswered(pages);
        assertThat(statuses.size()).isEqualTo(answered + refused);
        assertThat(refused).isLessThanOrEqualTo(statuses.size() / 10);
        assertThat(limiter.toleratedShare()).isZero();
        assertThat(limiter.currentRate()).isBetween(5.0, 12.0);
    }

    /**
     * Each page answered 200, and at most a few twice: a cold first exchange may have been asked again beside
     * itself after the stall timeout (see {@link StallTimeout}). Returns the number of 200s.
     */
    private long assertEveryPageAnswered(int pages) {
        List<RecordedRequest> answered = simulator.requests().stream().filter(r -> r.status() == 200).toList();
        assertThat(answered.stream().map(RecordedRequest::query).distinct()).hasSize(pages);
        assertThat(answered.size()).isLessThanOrEqualTo(pages + 2);
        return answered.size();
    }

    /** Each 429'd page was asked again no sooner than its Retry-After, while other pages went on meanwhile. */
    private void assertRetryAfterHeldOnlyItsOwnRequest() {
        List<RecordedRequest> log = simulator.requests();
        int checked = 0;
        for (int i = 0; i < log.size(); i++) {
            RecordedRequest refused = log.get(i);
            if (refused.status() != 429) {
                continue;
            }
            long sentMeanwhile = 0;
            for (RecordedRequest later : log.subList(i + 1, log.size())) {
                if (later.query().equals(refused.query())) {
                    assertThat(Duration.ofNanos(later.receivedAtNanos() - refused.receivedAtNanos()))
                            .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
                    checked++;
                    break;
                }
                sentMeanwhile++;
            }
            assertThat(sentMeanwhile).as("requests sent while request %d waited its Retry-After", i).isPositive();
        }
        assertThat(checked).isPositive();
    }

    /** Pages {@code pages} distinct pages with {@value #THREADS} threads; returns the lowest rate seen after a page. */
    private double page(AdaptiveRateLimiter limiter, int pages) throws Exception {
        ApiSettings settings = new ApiSettings(simulator.baseUrl(), limiter.currentRate(), Duration.ofSeconds(2),
                Duration.ofSeconds(5), 6, Duration.ofMillis(200), Duration.ofSeconds(5));
        ManusClient client = new ManusClient(settings,
                ApiKeys.load(Map.of(ApiKeys.AUDIT_KEY_ENV, ManusSimulator.AUDIT_KEY)::get), limiter);
        AtomicInteger next = new AtomicInteger();
        DoubleAccumulator minRate = new DoubleAccumulator(Math::min, limiter.currentRate());
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            workers.add(pool.submit(() -> {
                for (int page = next.getAndIncrement(); page < pages; page = next.getAndIncrement()) {
                    client.listAssets(ListQuery.of(AssetType.FILE_SHARE, 1).withOffset(page));
                    minRate.accumulate(limiter.currentRate());
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        return minRate.get();
    }
}
