package dev.dspm.scanner.manus;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Paces every request of the run (all partitions, all threads share one instance) and finds the
 * server's unpublished rate limit by itself: a 429 cuts the rate multiplicatively, each success
 * raises it by a small fraction, never above the configured ceiling.
 *
 * <p>Requests are spaced evenly at the current rate rather than released in bursts, because a burst
 * is what empties a server's token bucket. A volley of 429s answering requests that were all sent
 * before the last cut carries no new information, so it cuts once: every permit remembers the
 * generation (number of cuts so far) it was issued in, and only a 429 from the current generation
 * cuts again. The increase is proportional to the rate, so a recovery from a cut takes the same number
 * of requests (about 35) whatever the server's limit; that keeps 429s near 3% of requests at steady state.
 */
public final class AdaptiveRateLimiter {

    static final double DECREASE_FACTOR = 0.7;
    static final double HARD_DECREASE_FACTOR = Double.parseDouble(System.getProperty("rl.hard", "0.5"));
    static final double FAST_INCREASE = Double.parseDouble(System.getProperty("rl.fast", "0.02"));
    static final double PROBE_INCREASE = Double.parseDouble(System.getProperty("rl.probe", "0.003"));
    static final double NEAR_LAST_CUT = Double.parseDouble(System.getProperty("rl.near", "0.95"));
    static final double STALE_LAST_CUT = 1.2;
    static final double FLOOR = 0.5;

    private final double ceiling;
    private final double floor;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;

    private double rate;
    private double rateAtLastCut = Double.POSITIVE_INFINITY;
    private boolean successInGeneration;
    private long nextFreeNanos;
    private long lastReleasedNanos;
    private long generation;
    private long throttled;

    /** @param maxRequestsPerSecond the ceiling, {@code dspm.api.max-requests-per-second}; must be > 0 */
    public AdaptiveRateLimiter(double maxRequestsPerSecond) {
        this(maxRequestsPerSecond, System::nanoTime, Sleeper.SYSTEM);
    }

    AdaptiveRateLimiter(double maxRequestsPerSecond, LongSupplier nanoClock, Sleeper sleeper) {
        if (!(maxRequestsPerSecond > 0) || Double.isInfinite(maxRequestsPerSecond)) {
            throw new IllegalArgumentException("max requests per second must be > 0, got " + maxRequestsPerSecond);
        }
        this.ceiling = maxRequestsPerSecond;
        this.floor = Math.min(FLOOR, maxRequestsPerSecond);
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.rate = maxRequestsPerSecond;
        this.nextFreeNanos = nanoClock.getAsLong();
        this.lastReleasedNanos = nextFreeNanos - interval();
    }

    /**
     * Blocks until this caller's turn and returns the permit to hand back to {@link #onSuccess(long)}
     * or {@link #onThrottled(long)} when the answer arrives.
     */
    long acquire() throws InterruptedException {
        while (true) {
            long slot;
            long waitNanos;
            long permit;
            synchronized (this) {
                long now = nanoClock.getAsLong();
                slot = Math.max(now, nextFreeNanos);
                nextFreeNanos = slot + interval();
                waitNanos = slot - now;
                permit = generation;
            }
            if (waitNanos > 0) {
                sleeper.sleep(Duration.ofNanos(waitNanos));
            }
            synchronized (this) {
                if (permit == generation) {
                    lastReleasedNanos = Math.max(lastReleasedNanos, slot);
                    return permit;
                }
            }
            // Cut while waiting: the slot was booked at the old pace, so book again at the new one.
        }
    }

    /** The server answered 429 to a request sent under {@code permit}. */
    synchronized void onThrottled(long permit) {
        throttled++;
        if (permit == generation) {
            rateAtLastCut = rate;
            rate = Math.max(floor, rate * (successInGeneration ? DECREASE_FACTOR : HARD_DECREASE_FACTOR));
            generation++;
            successInGeneration = false;
            nextFreeNanos = lastReleasedNanos + interval();
        }
    }

    /** The server accepted a request sent under {@code permit}. */
    synchronized void onSuccess(long permit) {
        // A success sent before the last cut says nothing about the rate after it.
        if (permit == generation) {
            successInGeneration = true;
            boolean probing = rate >= rateAtLastCut * NEAR_LAST_CUT && rate <= rateAtLastCut * STALE_LAST_CUT;
            rate = Math.min(ceiling, rate * (1 + (probing ? PROBE_INCREASE : FAST_INCREASE)));
        }
    }

    private long interval() {
        return (long) (1_000_000_000L / rate);
    }

    /** Requests per second the limiter currently lets through. */
    public synchronized double currentRate() {
        return rate;
    }

    /** 429 answers seen so far, across all callers. */
    public synchronized long throttledCount() {
        return throttled;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "AdaptiveRateLimiter[rate=%.2f/s, ceiling=%.2f/s, throttled=%d]",
                currentRate(), ceiling, throttledCount());
    }
}
