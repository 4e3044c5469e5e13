package dev.dspm.scanner.manus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import org.junit.jupiter.api.Test;

class BackoffTests {

    private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30), new Random(1));

    @Test
    void waitsAreRandomWithinADoublingCap() {
        for (int attempt = 1; attempt <= 12; attempt++) {
            Duration cap = Duration.ofMillis(Math.min(30_000, 200L << (attempt - 1)));
            Duration max = Duration.ZERO;
            for (int i = 0; i < 300; i++) {
                Duration wait = backoff.delay(attempt, null);
                assertThat(wait).isBetween(Duration.ZERO, cap);
                max = wait.compareTo(max) > 0 ? wait : max;
            }
            assertThat(max).as("full jitter spreads over the whole range").isGreaterThan(cap.dividedBy(2));
        }
    }

    @Test
    void hugeAttemptNumbersDoNotOverflow() {
        assertThat(backoff.delay(500, null)).isBetween(Duration.ZERO, Duration.ofSeconds(30));
    }

    @Test
    void retryAfterIsAFloor() {
        for (int i = 0; i < 100; i++) {
            assertThat(backoff.delay(1, Duration.ofSeconds(3))).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        }
    }

    @Test
    void retryAfterBeyondTheLimitMeansGiveUp() {
        assertThat(Backoff.beyondLimit(Backoff.MAX_RETRY_AFTER.plusSeconds(1))).isTrue();
        assertThat(Backoff.beyondLimit(Backoff.MAX_RETRY_AFTER)).isFalse();
        assertThat(Backoff.beyondLimit(null)).isFalse();
        assertThat(backoff.delay(1, Backoff.MAX_RETRY_AFTER)).isEqualTo(Backoff.MAX_RETRY_AFTER);
    }

    @Test
    void parsesRetryAfterSecondsAndHttpDates() {
        Instant now = Instant.parse("2015-10-21T07:28:00Z");
        assertThat(Backoff.parseRetryAfter("7", now)).isEqualTo(Duration.ofSeconds(7));
        assertThat(Backoff.parseRetryAfter(" 0 ", now)).isEqualTo(Duration.ZERO);
        assertThat(Backoff.parseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Backoff.parseRetryAfter("Wed, 21 Oct 2015 07:00:00 GMT", now)).isEqualTo(Duration.ZERO);
        assertThat(Backoff.parseRetryAfter("99999999999999999999", now)).isGreaterThan(Backoff.MAX_RETRY_AFTER);
    }

    @Test
    void ignoresAbsentOrUnreadableRetryAfter() {
        Instant now = Instant.now();
        assertThat(Backoff.parseRetryAfter(null, now)).isNull();
        assertThat(Backoff.parseRetryAfter("", now)).isNull();
        assertThat(Backoff.parseRetryAfter("-5", now)).isNull();
        assertThat(Backoff.parseRetryAfter("soon", now)).isNull();
        assertThat(Backoff.parseRetryAfter("1.5", now)).isNull();
    }
}
