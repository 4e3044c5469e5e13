package dev.dspm.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ScanSummaryTests {

    @Test
    void theRateIsOfWhatThisProcessRead() {
        assertThat(ScanSummary.rate(30_000, Duration.ofSeconds(2))).isEqualTo("30,000 shares read, 15,000 shares/s");
    }

    @Test
    void aResumedRunWithNothingLeftSaysSoInsteadOfARate() {
        assertThat(ScanSummary.rate(0, Duration.ofMillis(3))).isEqualTo("nothing left to read");
        assertThat(ScanSummary.rate(0, Duration.ZERO)).isEqualTo("nothing left to read");
    }
}
