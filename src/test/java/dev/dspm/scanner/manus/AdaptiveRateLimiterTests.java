package dev.dspm.scanner.manus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** The limiter's arithmetic on a fake clock that only moves when the limiter sleeps (no timing flakiness). */
class AdaptiveRateLimiterTests {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicReference<Runnable> duringNextSleep = new AtomicReference<>();
    /** Never completes: these tests do not stop the limiter. */
    private static final CompletableFuture<Void> RUNNING = new CompletableFuture<>();

    private final Sleeper advance = (duration, wakeUp) -> {
        Runnable hook = duringNextSleep.getAndSet(null);
        if (hook != null) {
            hook.run();
        }
        nanos.addAndGet(duration.toNanos());
    };

    private AdaptiveRateLimiter limiter(double ceiling) {
        return new AdaptiveRateLimiter(ceiling, nanos::get, advance);
    }

    @Test
    void startsAtTheCeilingAndSpacesRequestsEvenly() throws Exception {
        AdaptiveRateLimiter limiter = limiter(10);
        List<Long> sendTimes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            limiter.acquire(RUNNING);
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
        limiter.acquire(RUNNING);
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());

        long before = nanos.get();
        limiter.acquire(RUNNING);
        limiter.acquire(RUNNING);

        assertThat(nanos.get() - before).isEqualTo(Duration.ofMillis(100).toNanos());
    }

    @Test
    void a429AfterSuccessesCutsByThirtyPercentAndTheSpacingGrows() throws Exception {
        AdaptiveRateLimiter limiter = limiter(10);
        limiter.onSuccess(limiter.acquire(RUNNING));
        limiter.onThrottled(limiter.acquire(RUNNING));

        assertThat(limiter.currentRate()).isCloseTo(7, within(1e-9));
        assertThat(limiter.throttledCount()).isEqualTo(1);
        long before = nanos.get();
        limiter.acquire(RUNNING);
        limiter.acquire(RUNNING);
        assertThat(nanos.get() - before).isCloseTo(2 * (1_000_000_000L / 7), within(1_000L));
    }

    @Test
    void aFirstAnswer429SpacesTheNextRequestByTheNewIntervalFromTheFirst() throws Exception {
        AdaptiveRateLimiter limiter = limiter(10);
        long first = nanos.get();
        limiter.onThrottled(limiter.acquire(RUNNING));

        limiter.acquire(RUNNING);

        assertThat(limiter.currentRate()).isCloseTo(5, within(1e-9));
        assertThat(nanos.get() - first).isEqualTo(Duration.ofMillis(200).toNanos());
    }

    @Test
    void a429WithNoSuccessSinceTheLastCutHalvesTheRate() throws Exception {
        AdaptiveRateLimiter limiter = limiter(100);
        limiter.onThrottled(limiter.acquire(RUNNING));
        assertThat(limiter.currentRate()).isCloseTo(50, within(1e-9));

        limiter.onThrottled(limiter.acquire(RUNNING));
        assertThat(limiter.currentRate()).isCloseTo(25, within(1e-9));
    }

    @Test
    void aVolleyOf429sForRequestsAlreadyInFlightCutsOnce() throws Exception {
        AdaptiveRateLimiter limiter = limiter(10);
        limiter.onSuccess(limiter.acquire(RUNNING));
        List<Long> inFlight = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            inFlight.add(limiter.acquire(RUNNING));
        }

        inFlight.forEach(limiter::onThrottled);

        assertThat(limiter.currentRate()).isCloseTo(7, within(1e-9));
        assertThat(limiter.throttledCount()).isEqualTo(8);
    }

    @Test
    void aCallerQueuedAtTheOldPaceIsRebookedAtTheNewOne() throws Exception {
        AdaptiveRateLimiter limiter = limiter(10);
        limiter.onSuccess(limiter.acquire(RUNNING));
        long sentAt = nanos.get();
        long inFlight = limiter.acquire(RUNNING); // waits 100 ms, released
        long released = nanos.get();
        // the next caller books the slot 100 ms later; while it waits, the in-flight request is refused
        duringNextSleep.set(() -> limiter.onThrottled(inFlight));

        limiter.acquire(RUNNING);

        assertThat(released - sentAt).isEqualTo(Duration.ofMillis(100).toNanos());
        assertThat(nanos.get() - released).isCloseTo(1_000_000_000L / 7, within(1_000L));
    }

    @Test
    void neverBelowTheFloor() throws Exception {
        AdaptiveRateLimiter limiter = limiter(10);
        for (int i = 0; i < 50; i++) {
            limiter.onThrottled(limiter.acquire(RUNNING));
        }
        assertThat(limiter.currentRate()).isEqualTo(AdaptiveRateLimiter.FLOOR);
    }

    @Test
    void successesClimbFastThenProbeSlowlyNearTheRateThatWasThrottled() throws Exception {
        AdaptiveRateLimiter limiter = limiter(100);
        limiter.onSuccess(limiter.acquire(RUNNING));
        limiter.onThrottled(limiter.acquire(RUNNING)); // throttled at 100: 70 now

        double before = limiter.currentRate();
        limiter.onSuccess(limiter.acquire(RUNNING));
        assertThat(limiter.currentRate() / before).isCloseTo(1.02, within(1e-9));

        while (limiter.currentRate() < 85) {
            limiter.onSuccess(limiter.acquire(RUNNING));
        }
        before = limiter.currentRate();
        limiter.onSuccess(limiter.acquire(RUNNING));
        assertThat(limiter.currentRate() / before).isCloseTo(1.002, within(1e-9));
    }

    @Test
    void creepsBackToTheCeilingButNeverAbove() throws Exception {
        AdaptiveRateLimiter limiter = limiter(10);
        limiter.onSuccess(limiter.acquire(RUNNING));
        limiter.onThrottled(limiter.acquire(RUNNING));

        int successes = 0;
        while (limiter.currentRate() < 10 && successes < 1000) {
            limiter.onSuccess(limiter.acquire(RUNNING));
            successes++;
        }
        for (int i = 0; i < 100; i++) {
            limiter.onSuccess(limiter.acquire(RUNNING));
        }

        // about a hundred successes: slow enough that 429s stay rare against a steady limit
        assertThat(successes).isBetween(60, 150);
        assertThat(limiter.currentRate()).isEqualTo(10);
    }

    @Test
    void successesOfRequestsSentBeforeACutDoNotUndoIt() throws Exception {
        AdaptiveRateLimiter limiter = limiter(10);
        limiter.onSuccess(limiter.acquire(RUNNING));
        long early = limiter.acquire(RUNNING);
        long alsoEarly = limiter.acquire(RUNNING);
        limiter.onThrottled(early);

        limiter.onSuccess(alsoEarly);

        assertThat(limiter.currentRate()).isCloseTo(7, within(1e-9));
    }

    @Test
    void aStopWhileWaitingForATurnEndsTheWaitWithoutAPermit() throws Exception {
        AdaptiveRateLimiter limiter = limiter(1);
        limiter.acquire(RUNNING);
        CompletableFuture<Void> stop = new CompletableFuture<>();
        duringNextSleep.set(() -> stop.complete(null));

        assertThatThrownBy(() -> limiter.acquire(stop)).isInstanceOf(CancellationException.class);
    }

    @Test
    void concurrentCallersShareOnePace() throws Exception {
        AdaptiveRateLimiter limiter = new AdaptiveRateLimiter(200);
        List<Thread> workers = new ArrayList<>();
        long started = System.nanoTime();
        for (int t = 0; t < 4; t++) {
            Thread worker = new Thread(() -> {
                for (int i = 0; i < 10; i++) {
                    try {
                        limiter.acquire(RUNNING);
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

    @Test
    void rejectsANonPositiveCeiling() {
        assertThatThrownBy(() -> new AdaptiveRateLimiter(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
