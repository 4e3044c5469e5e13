package dev.dspm.scanner.manus;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.random.RandomGenerator;

/**
 * How long to wait before a retry: exponential backoff with full jitter (a random wait between zero
 * and {@code initial * 2^(n-1)}, capped at {@code max}), so that partitions failing together do not
 * retry together. A server's {@code Retry-After} is a floor under that wait.
 */
final class Backoff {

    /**
     * Longest Retry-After we sit out. A server asking for more is effectively down for this run;
     * failing with its answer beats a nightly job hanging silently for hours.
     */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

    private final long initialNanos;
    private final long maxNanos;
    private final RandomGenerator random;

    Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.random = random;
    }

    /** Whether the server asks for a longer pause than {@link #MAX_RETRY_AFTER}: then the caller gives up. */
    static boolean beyondLimit(Duration retryAfter) {
        return retryAfter != null && retryAfter.compareTo(MAX_RETRY_AFTER) > 0;
    }

    /** The wait after the {@code failedAttempts}-th failure (1-based); {@code retryAfter} may be null. */
    Duration delay(int failedAttempts, Duration retryAfter) {
        int doublings = Math.max(0, failedAttempts - 1);
        long cap = doublings >= 62 || initialNanos > (maxNanos >> doublings) ? maxNanos : initialNanos << doublings;
        Duration jittered = Duration.ofNanos(random.nextLong(cap + 1));
        return retryAfter != null && retryAfter.compareTo(jittered) > 0 ? retryAfter : jittered;
    }

    /** Parses delay-seconds or an HTTP-date; null when absent or unreadable (then only backoff applies). */
    static Duration parseRetryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return value.length() > 9 ? MAX_RETRY_AFTER.plusSeconds(1) : Duration.ofSeconds(Long.parseLong(value));
        }
        try {
            Instant until = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
