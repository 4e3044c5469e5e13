package dev.dspm.scanner.manus;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paces every request of the run (all partitions and threads share one instance) and finds the
 * server's unpublished rate limit by itself. It starts at the configured ceiling and never exceeds it.
 *
 * <p>Requests are spaced evenly at the current rate rather than released in bursts, because a
 * burst is what empties a server's token bucket. On a 429 the rate is cut: by {@value #DECREASE_FACTOR}
 * normally, by {@value #HARD_DECREASE_FACTOR} when nothing succeeded since the last cut (still far
 * too fast, as right after starting at a high ceiling). Each success raises it again: quickly
 * ({@value #FAST_INCREASE} per success) while below {@value #NEAR_LAST_CUT} of the rate that was last
 * throttled, then slowly ({@value #PROBE_INCREASE}) near and above it, so the rate hovers just under the
 * server's limit instead of repeatedly overshooting it; well past that rate the old limit is presumed
 * gone and growth is quick again. Tuned against a token-bucket server (25/s, burst 5, ceiling 100,
 * 1-10 threads): a 100-page scan took 1.05-1.3x the least possible time with 4-9% of requests
 * answered 429, most of them while coming down from the ceiling.
 *
 * <p>A server shedding load also answers 429, to a share of requests whatever their rate; cutting on each
 * would drive the rate to its floor and keep it there. So each cut is put on trial by a {@link ThrottleJudge}:
 * the rate is held for a few answers, and when the 429 share did not fall with it the cuts are undone and that
 * share is tolerated from then on. Such 429s cost their own request a retry after its Retry-After (see
 * {@link Attempts}), never the pace of the others. 503s and other failures never move the rate.
 *
 * <p>A volley of 429s answering requests that were all sent before the last cut carries no news, so
 * it cuts once: each permit carries the generation (number of cuts so far) it was issued in, and
 * only answers to current-generation permits move the rate. Slots booked at the old pace are booked
 * again after a cut, so queued callers do not fire at the rate that was just refused.
 */
public final class AdaptiveRateLimiter {

    private static final Logger log = LoggerFactory.getLogger(AdaptiveRateLimiter.class);

    static final double DECREASE_FACTOR = 0.7;
    static final double HARD_DECREASE_FACTOR = 0.5;
    static final double FAST_INCREASE = 0.02;
    static final double PROBE_INCREASE = 0.002;
    static final double NEAR_LAST_CUT = 0.85;
    static final double STALE_LAST_CUT = 1.2;
    static final double FLOOR = 0.5;

    private final double ceiling;
    private final double floor;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;

    private final ThrottleJudge judge = new ThrottleJudge();
    private double rate;
    private double rateAtLastCut = Double.POSITIVE_INFINITY;
    /** The rate and rateAtLastCut before the cuts now on trial, restored when they did not help. */
    private double rateBeforeTrial;
    private double rateAtLastCutBeforeTrial;
    private long generation;
    private boolean successInGeneration;
    private long nextFreeNanos;
    private long lastReleasedNanos;
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
     *
     * @param stop ends the wait early when it completes
     * @throws CancellationException when {@code stop} completed first: no permit, nothing to send
     */
    long acquire(Future<?> stop) throws InterruptedException {
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
                sleeper.sleep(Duration.ofNanos(waitNanos), stop);
            }
            if (stop.isDone()) {
                throw new CancellationException("stopped while waiting for a permit");
            }
            synchronized (this) {
                if (permit == generation) {
                    lastReleasedNanos = Math.max(lastReleasedNanos, slot);
                    return permit;
                }
            }
        }
    }

    /** The server answered 429 to a request sent under {@code permit}. */
    synchronized void onThrottled(long permit) {
        throttled++;
        ThrottleJudge.Verdict verdict = judge.answered(true, permit == generation);
        if (verdict == ThrottleJudge.Verdict.CUT) {
            cut();
        } else if (verdict == ThrottleJudge.Verdict.UNDO) {
            undoCuts();
        }
    }

    /** The server accepted a request sent under {@code permit}. */
    synchronized void onSuccess(long permit) {
        boolean current = permit == generation;
        ThrottleJudge.Verdict verdict = judge.answered(false, current);
        if (verdict == ThrottleJudge.Verdict.UNDO) {
            undoCuts();
        } else if (current) {
            successInGeneration = true;
            if (!judge.onTrial()) {
                boolean nearLimit = rate >= rateAtLastCut * NEAR_LAST_CUT && rate <= rateAtLastCut * STALE_LAST_CUT;
                rate = Math.min(ceiling, rate * (1 + (nearLimit ? PROBE_INCREASE : FAST_INCREASE)));
            }
        }
    }

    private void cut() {
        if (!judge.onTrial()) {
            rateBeforeTrial = rate;
            rateAtLastCutBeforeTrial = rateAtLastCut;
        }
        double before = rate;
        rateAtLastCut = rate;
        rate = Math.max(floor, rate * (successInGeneration ? DECREASE_FACTOR : HARD_DECREASE_FACTOR));
        judge.cut(rate / before);
        log.debug("429: rate cut from {}/s to {}/s", before, rate);
        generation++;
        successInGeneration = false;
        nextFreeNanos = lastReleasedNanos + interval();
    }

    /** The 429s did not thin out at the lower rate: they are the server's, whatever the pace. */
    private void undoCuts() {
        rate = rateBeforeTrial;
        rateAtLastCut = rateAtLastCutBeforeTrial;
        log.debug("the 429 share did not fall: back to {}/s, {} of answers tolerated", rate, judge.tolerated());
    }

    /** Requests per second the limiter currently lets through. */
    public synchronized double currentRate() {
        return rate;
    }

    /** The share of 429s taken to come whatever the rate (a server shedding load); 0 when none was seen. */
    public synchronized double toleratedShare() {
        return judge.tolerated();
    }

    /** 429 answers seen so far, across all callers. */
    public synchronized long throttledCount() {
        return throttled;
    }

    private long interval() {
        return (long) (1_000_000_000L / rate);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "AdaptiveRateLimiter[rate=%.2f/s, ceiling=%.2f/s, throttled=%d, tolerated=%.3f]",
                currentRate(), ceiling, throttledCount(), toleratedShare());
    }
}
