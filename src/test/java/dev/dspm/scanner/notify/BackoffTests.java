package dev.dspm.scanner.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The waits between attempts, and what a Retry-After may ask. */
class BackoffTests {

    private final Backoff backoff = new Backoff(Settings.channels(null, null, null, null, 10, Duration.ofSeconds(1),
            Duration.ofSeconds(30)));

    @Test
    void doublesFromTheInitialWaitUpToTheMaximum() {
        assertThat(backoff.after(1, null)).contains(Duration.ofSeconds(1));
        assertThat(backoff.after(2, null)).contains(Duration.ofSeconds(2));
        assertThat(backoff.after(5, null)).contains(Duration.ofSeconds(16));
        assertThat(backoff.after(6, null)).contains(Duration.ofSeconds(30));
        assertThat(backoff.after(60, null)).contains(Duration.ofSeconds(30));
    }

    @Test
    void neverWaitsLessThanRetryAfterNorLongerThanTheMaximum() {
        assertThat(backoff.after(1, Duration.ofSeconds(7))).contains(Duration.ofSeconds(7));
        assertThat(backoff.after(4, Duration.ofSeconds(3))).contains(Duration.ofSeconds(8));
        assertThat(backoff.after(1, Duration.ofSeconds(30))).contains(Duration.ofSeconds(30));
        assertThat(backoff.after(1, Duration.ofSeconds(31))).isEmpty();
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDate() {
        assertThat(HttpDelivery.retryAfter(Optional.of(" 12 "))).contains(Duration.ofSeconds(12));
        assertThat(HttpDelivery.retryAfter(Optional.of("-1"))).isEmpty();
        assertThat(HttpDelivery.retryAfter(Optional.of("soon"))).isEmpty();
        assertThat(HttpDelivery.retryAfter(Optional.empty())).isEmpty();
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(60));
        assertThat(HttpDelivery.retryAfter(Optional.of(inAMinute)).orElseThrow()).isBetween(Duration.ofSeconds(55),
                Duration.ofSeconds(60));
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().minusSeconds(60));
        assertThat(HttpDelivery.retryAfter(Optional.of(past))).contains(Duration.ZERO);
    }
}
