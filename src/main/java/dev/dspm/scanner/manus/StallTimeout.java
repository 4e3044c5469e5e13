package dev.dspm.scanner.manus;

import java.time.Duration;

/**
 * How long a list request may go unanswered before it is presumed stuck and asked again beside it.
 * A connection that died silently (a peer or middlebox gone without a FIN or a reset) looks exactly
 * like a slow answer, and only the read timeout would end it; a request unanswered for
 * {@value #FACTOR} times the slowest of the last {@value #WINDOW} answers is very likely such a
 * connection. The first request to answer wins, so a merely slow one costs one extra request, never time.
 * Thread-safe.
 */
final class StallTimeout {

    static final int WINDOW = 32;
    static final int FACTOR = 4;
    /** Before any answer, and however fast answers come: below this, hedging would only add load. */
    static final Duration FLOOR = Duration.ofSeconds(1);

    private final long ceilingNanos;
    private final long[] recent = new long[WINDOW];
    private int next;

    /** @param ceiling the read timeout: past it the request fails anyway, and an ordinary retry follows */
    StallTimeout(Duration ceiling) {
        this.ceilingNanos = ceiling.toNanos();
    }

    /** A request was answered in {@code nanos}. */
    synchronized void answered(long nanos) {
        recent[next] = nanos;
        next = (next + 1) % WINDOW;
    }

    /**
     * The wait after which a request is presumed stuck, doubled for each request of the same call already
     * presumed stuck (a server slow rather than gone then sees a few extra requests, not one a second);
     * null when that would not come before the read timeout.
     */
    synchronized Duration after(int stuckBefore) {
        long slowest = 0;
        for (long nanos : recent) {
            slowest = Math.max(slowest, nanos);
        }
        long stall = Math.max(FLOOR.toNanos(), FACTOR * slowest);
        for (int i = 0; i < stuckBefore && stall < ceilingNanos; i++) {
            stall *= 2;
        }
        return stall < ceilingNanos ? Duration.ofNanos(stall) : null;
    }
}
