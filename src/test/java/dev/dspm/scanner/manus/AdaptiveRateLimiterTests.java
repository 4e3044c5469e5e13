package dev.dspm.scanner.manus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class AdaptiveRateLimiterTests {

    /** A clock that only moves when the limiter sleeps, or when a test says so. */
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Sleeper advance = duration -> nanos.addAndGet(duration.toNanos());

    private AdaptiveRateLimiter limiter(double ceiling) {
        return new AdaptiveRateLimiter(ceiling, nanos::get, advance);
    }

    @Test
    void startsAtTheCeilingAndSpacesRequestsEvenly() throws Exception {
        AdaptiveRateLimiter limiter = limiter(10);
        List<Long> sendTimes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            limiter.acquire();
            sendTimes.add(nanos.get());
        }

        assertThat(limiter.currentRate()).isEqualTo(10);
        for (int i = 1; i < sendTimes.size(); i++) {
            assertThat(sendTimes.get(i) - sendTimes.get(i - 1)).isEqualTo(Duration.ofMillis(100).toNanos());
        }
    }

    @Test
    void idleTimeIsNotSavedUpForABurst() throws Exception {
        AdaptiveRateLimiter limiter = limiter(10);
        limiter.acquire();
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());

        long before = nanos.get();
        limiter.acquire();
        limiter.acquire();

        assertThat(nanos.get() - before).isEqualTo(Duration.ofMillis(100).toNanos());
    }

    @Test
    void a429CutsTheRateAndTheSpacingGrows() throws Exception {
        AdaptiveRateLimiter limiter = limiter(10);
        limiter.onThrottled(limiter.acquire());

        assertThat(limiter.currentRate()).isCloseTo(7, within(1e-9));
        assertThat(limiter.throttledCount()).isEqualTo(1);
        limiter.acquire(); // its slot was reserved at the old pace
        long before = nanos.get();
        limiter.acquire();
        assertThat(nanos.get() - before).isCloseTo(1_000_000_000L / 7, within(1_000L));
    }

    @Test
    void aVolleyOf429sForRequestsAlreadyInFlightCutsOnce() throws Exception {
        AdaptiveRateLimiter limiter = limiter(10);
        List<Long> inFlight = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            inFlight.add(limiter.acquire());
        }

        inFlight.forEach(limiter::onThrottled);

        assertThat(limiter.currentRate()).isCloseTo(7, within(1e-9));
        assertThat(limiter.throttledCount()).isEqualTo(8);
    }

    @Test
    void a429AfterTheCutCutsAgain() throws Exception {
        AdaptiveRateLimiter limiter = limiter(10);
        limiter.onThrottled(limiter.acquire());
        limiter.onThrottled(limiter.acquire());

        assertThat(limiter.currentRate()).isCloseTo(4.9, within(1e-9));
    }

    @Test
    void neverBelowTheFloor() throws Exception {
        AdaptiveRateLimiter limiter = limiter(10);
        for (int i = 0; i < 50; i++) {
            limiter.onThrottled(limiter.acquire());
        }
        assertThat(limiter.currentRate()).isEqualTo(AdaptiveRateLimiter.FLOOR);
    }

    @Test
    void successesCreepBackUpButNeverAboveTheCeiling() throws Exception {
        AdaptiveRateLimiter limiter = limiter(10);
        limiter.onThrottled(limiter.acquire());
        double afterCut = limiter.currentRate();

        limiter.onSuccess(limiter.acquire());
        double afterOne = limiter.currentRate();
        int successes = 1;
        while (limiter.currentRate() < 10 && successes < 1000) {
            limiter.onSuccess(limiter.acquire());
            successes++;
        }
        for (int i = 0; i < 100; i++) {
            limiter.onSuccess(limiter.acquire());
        }

        assertThat(afterOne).isGreaterThan(afterCut).isLessThan(afterCut * 1.05);
        // slow enough to keep 429s rare against a steady limit, fast enough to recover within a page run
        assertThat(successes).isBetween(20, 60);
        assertThat(limiter.currentRate()).isEqualTo(10);
    }

    @Test
    void successesOfRequestsSentBeforeACutDoNotUndoIt() throws Exception {
        AdaptiveRateLimiter limiter = limiter(10);
        long early = limiter.acquire();
        long alsoEarly = limiter.acquire();
        limiter.onThrottled(early);

        limiter.onSuccess(alsoEarly);

        assertThat(limiter.currentRate()).isCloseTo(7, within(1e-9));
    }

    @Test
    void concurrentCallersShareOnePace() throws Exception {
        AdaptiveRateLimiter limiter = new AdaptiveRateLimiter(200);
        int threads = 4;
        int each = 10;
        List<Thread> workers = new ArrayList<>();
        long started = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    try {
                        limiter.acquire();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        // 40 permits at 200/s need at least 39 gaps of 5 ms, however many threads ask
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
    }
}
