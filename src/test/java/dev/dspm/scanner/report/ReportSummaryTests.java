package dev.dspm.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

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

    @Test
    void theOwnersLineSaysWhatMatchedAndWhoHasTheMostOpenFindingsWithoutLettingTheirTextDriveTheTerminal() {
        assertThat(ReportSummary.owners(ReportSamples.owners())).isEqualTo("""
                owners: 812 members; 2 owner ids (5 shares) match no member, e.g. owner'"<b>&amp;
                most open findings: =HYPERLINK("x")<img src=x onerror=window.__pwned=1>@acme.example 9, \
                ann@acme.example (INACTIVE) 4, owner'"<b>&amp; 1
                """);
        assertThat(ReportSummary.owners(new OwnerOverview(false, 0, 0, false, 0, 0, List.of(), List.of())))
                .isEqualTo("owners: not enriched (set MANUS_USER_MGMT_KEY to see who owns each share)\n");
        assertThat(ReportSummary.printable("a\u001b[31mred\r\nforged\u202Etxt.exe")).isEqualTo("a\uFFFD[31mred\uFFFD\uFFFDforged\uFFFDtxt.exe");
        assertThat(ReportSummary.printable("x".repeat(81))).isEqualTo("x".repeat(80) + "\u2026");
    }

    @Test
    void waiversThatExpiredTonightAndThoseThatMatchedNothingAreNamedAndOnesExpiredBeforeAreOnlyCounted() {
        List<ReportOverview.ReportedWaiver> waivers = List.of(waiver("a", false, 3), waiver("b", false, 0),
                waiver("c", true, 0), waiver("d", true, 0), waiver("e", true, 0), waiver("f", true, 0),
                waiver("g\u001b]0;owned\u0007", true, 0), waiver("h", true, 9));

        assertThat(print(out -> ReportSummary.waivers(waivers, Set.of("b"), out))).isEqualTo("""
                waivers: 6 active, 2 expired
                1 waiver expired tonight (its findings count again): a
                5 waivers matched nothing (their shares were fixed or deleted, or the waivers are wrong): c, d, e and 2 \
                more (report.html lists them)
                """);
        assertThat(print(out -> ReportSummary.waivers(waivers.subList(0, 2), Set.of(), out))).isEqualTo("""
                waivers: 0 active, 2 expired
                2 waivers expired tonight (their findings count again): a, b
                """);
        assertThat(print(out -> ReportSummary.waivers(List.of(waivers.get(6)), Set.of(), out))).isEqualTo("""
                waivers: 1 active, 0 expired
                1 waiver matched nothing (its share was fixed or deleted, or the waiver is wrong): g\uFFFD]0;owned\uFFFD
                """);
        assertThat(print(out -> ReportSummary.waivers(waivers.subList(2, 5), Set.of(), out))).as("three: all named")
                .endsWith("matched nothing (their shares were fixed or deleted, or the waivers are wrong): c, d, e\n");
        assertThat(print(out -> ReportSummary.waivers(List.of(), Set.of(), out))).as("no waivers, no line").isEmpty();
    }

    private static ReportOverview.ReportedWaiver waiver(String key, boolean active, long matched) {
        return new ReportOverview.ReportedWaiver(key, "share_uid", key, "public-file-share", "why", "ciso@acme.example",
                LocalDate.of(2026, 5, 4), active, matched);
    }

    private static String print(RemediationOverview remediation) {
        return print(out -> ReportSummary.remediation(remediation, out));
    }

    private static String print(java.util.function.Consumer<PrintStream> printer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        printer.accept(out);
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
