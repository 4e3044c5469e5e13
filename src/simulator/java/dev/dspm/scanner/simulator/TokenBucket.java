package dev.dspm.scanner.simulator;

/** A token bucket over all requests. Not thread-safe: {@link Faults} calls it under its lock. */
final class TokenBucket {

    private final double perSecond;
    private final double capacity;
    private double tokens;
    private long lastRefillNanos;

    TokenBucket(double perSecond, int burst, long nowNanos) {
        this.perSecond = perSecond;
        this.capacity = burst;
        this.tokens = burst;
        this.lastRefillNanos = nowNanos;
    }

    /** 0 when a token was taken; otherwise the whole seconds until one will be there, at least 1. */
    int take(long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - lastRefillNanos) / 1e9 * perSecond);
        lastRefillNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (int) Math.max(1, Math.ceil((1 - tokens) / perSecond));
    }
}
