package dev.dspm.scanner.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** A held lock beats several times per stale period and gives itself up long before anyone may take it. */
class LockTimingTests {

    @Test
    void theDefaultBeatsEveryTwoSecondsAndIsLostAfterSix() {
        LockTiming timing = LockTiming.of(Duration.ofMinutes(2));

        assertThat(timing.period()).isEqualTo(Duration.ofSeconds(2));
        assertThat(timing.lostAfter()).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void aLongStaleAfterStillNoticesALostDatabaseWithinSeconds() {
        LockTiming timing = LockTiming.of(Duration.ofHours(1));

        assertThat(timing.period()).isEqualTo(Duration.ofSeconds(2));
        assertThat(timing.lostAfter()).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void aShortStaleAfterBeatsFourTimesAndIsLostAtHalfOfIt() {
        LockTiming timing = LockTiming.of(Duration.ofSeconds(4));

        assertThat(timing.period()).isEqualTo(Duration.ofSeconds(1));
        assertThat(timing.lostAfter()).isEqualTo(Duration.ofSeconds(2));
    }
}
