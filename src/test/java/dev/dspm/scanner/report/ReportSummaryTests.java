package dev.dspm.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.dspm.scanner.remediation.HeldBack;
import dev.dspm.scanner.remediation.RemediationSettings.Mode;

/** The summary's remediation lines as the cron mail shows them (the real runs' lines: RemediationRowsTests). */
class ReportSummaryTests {

    @Test
    void anApplySaysWhatFailedAndWhatHeldItBack() {
        assertThat(print(ReportSamples.remediation(Mode.APPLY, HeldBack.PERMISSION_DENIED, 12))).isEqualTo("""
                remediation (apply): 10 planned, 3 applied, 3 failed, 3 in flight, 14 skipped (8 waived, 4 grace period, \
                2 permission denied)
                remediation held back: %s
                """.formatted(ReportSamples.HOSTILE_DETAIL));
    }

    @Test
    void aPlanSaysWhatWouldHoldAnApplyBack() {
        assertThat(print(ReportSamples.remediation(Mode.PLAN, HeldBack.INCOMPLETE_SCAN, 5))).isEqualTo("""
                remediation (plan): 12 planned, 0 applied, 14 skipped (8 waived, 4 grace period, 2 already tight)
                an apply of this plan would be held back: %s
                """.formatted(ReportSamples.HOSTILE_DETAIL));
    }

    @Test
    void remediationOffPrintsNothing() {
        assertThat(print(RemediationOverview.off())).isEmpty();
    }

    private static String print(RemediationOverview remediation) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ReportSummary.remediation(remediation, out);
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
