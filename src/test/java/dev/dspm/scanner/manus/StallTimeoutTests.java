package dev.dspm.scanner.manus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class StallTimeoutTests {

    final StallTimeout stall = new StallTimeout(Duration.ofSeconds(30));

    @Test
    void beforeAnyAnswerItIsTheFloor() {
        assertThat(stall.after(0)).isEqualTo(StallTimeout.FLOOR);
    }

    @Test
    void itIsFourTimesTheSlowestRecentAnswer() {
        answered(Duration.ofMillis(300), Duration.ofMillis(700), Duration.ofMillis(200));

        assertThat(stall.after(0)).isEqualTo(Duration.ofMillis(2_800));
    }

    @Test
    void fastAnswersNeverBringItUnderTheFloor() {
        answered(Duration.ofMillis(5), Duration.ofMillis(240));

        assertThat(stall.after(0)).isEqualTo(StallTimeout.FLOOR);
    }

    @Test
    void aSlowAnswerCountsUntilThirtyTwoLaterOnesHavePushedItOut() {
        answered(Duration.ofSeconds(2));
        for (int i = 1; i < StallTimeout.WINDOW; i++) {
            answered(Duration.ofMillis(300));
        }
        assertThat(stall.after(0)).isEqualTo(Duration.ofSeconds(8));

        answered(Duration.ofMillis(300));

        assertThat(stall.after(0)).isEqualTo(Duration.ofMillis(1_200));
    }

    @Test
    void itDoublesForEachRequestOfTheCallAlreadyPresumedStuck() {
        answered(Duration.ofMillis(500));

        assertThat(stall.after(1)).isEqualTo(Duration.ofSeconds(4));
        assertThat(stall.after(2)).isEqualTo(Duration.ofSeconds(8));
        assertThat(stall.after(3)).isEqualTo(Duration.ofSeconds(16));
        assertThat(stall.after(4)).as("32 s would be past the read timeout").isNull();
    }

    @Test
    void thereIsNoneWhenItWouldNotComeBeforeTheReadTimeout() {
        StallTimeout shortRead = new StallTimeout(Duration.ofSeconds(4));
        assertThat(shortRead.after(0)).isEqualTo(StallTimeout.FLOOR);

        shortRead.answered(Duration.ofMillis(999).toNanos());
        assertThat(shortRead.after(0)).isEqualTo(Duration.ofMillis(3_996));

        shortRead.answered(Duration.ofSeconds(1).toNanos());
        assertThat(shortRead.after(0)).isNull();
        assertThat(new StallTimeout(StallTimeout.FLOOR).after(0)).isNull();
    }

    private void answered(Duration... durations) {
        for (Duration duration : durations) {
            stall.answered(duration.toNanos());
        }
    }
}
