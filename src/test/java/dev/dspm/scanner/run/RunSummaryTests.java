package dev.dspm.scanner.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RunSummaryTests {

    @Test
    void theRateIsOfWhatThisProcessRead() {
        assertThat(RunSummary.rate(30_000, Duration.ofSeconds(2))).isEqualTo("30,000 shares read, 15,000 shares/s");
    }

    @Test
    void aResumedRunWithNothingLeftSaysSoInsteadOfARate() {
        assertThat(RunSummary.rate(0, Duration.ofMillis(3))).isEqualTo("nothing left to read");
        assertThat(RunSummary.rate(0, Duration.ZERO)).isEqualTo("nothing left to read");
    }
}
