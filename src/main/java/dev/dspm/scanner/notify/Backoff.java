package dev.dspm.scanner.notify;

import java.time.Duration;
import java.util.Optional;

/**
 * The wait before another attempt: {@code initial-backoff} doubling per attempt up to {@code max-backoff}, and never
 * less than what a 429 or 503 asked for in Retry-After. A Retry-After longer than {@code max-backoff} ends the
 * retries: waiting longer than the settings allow would hold the run's exit, and waiting less would be refused again.
 */
final class Backoff {

    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    static final Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    private final NotifySettings settings;

    Backoff(NotifySettings settings) {
        this.settings = settings;
    }

    /** The wait after failed attempt {@code attempt} (1-based), or empty when Retry-After asks for more than allowed. */
    Optional<Duration> after(int attempt, Duration retryAfter) {
        if (retryAfter != null && retryAfter.compareTo(settings.maxBackoff()) > 0) {
            return Optional.empty();
        }
        Duration wait = settings.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        if (wait.compareTo(settings.maxBackoff()) > 0) {
            wait = settings.maxBackoff();
        }
        return Optional.of(retryAfter != null && retryAfter.compareTo(wait) > 0 ? retryAfter : wait);
    }
}
