package dev.dspm.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.dspm.scanner.findings.FindingStatus;
import dev.dspm.scanner.policy.Severity;
import dev.dspm.scanner.remediation.ActionStatus;
import dev.dspm.scanner.remediation.SkipReason;

class CsvReportTests {

    @ParameterizedTest
    @ValueSource(strings = { "=HYPERLINK(\"http://evil\",\"x\")", "+cmd|' /C calc'!A0", "-1+1", "@SUM(1)", "\tindented",
            "\rcarriage" })
    void aCellASpreadsheetWouldReadAsAFormulaStaysText(String name) {
        String cell = CsvRecords.cell(name);
        assertThat(cell).startsWith("\"'").endsWith("\"");
        assertThat(ReportFiles.csv(cell + "\r\n")).containsExactly(List.of("'" + name));
    }

    @Test
    void fieldsWithCommasQuotesAndLineBreaksAreQuotedAndReadBackWhole() {
        List<String> names = List.of("a, b", "say \"hi\"", "line one\r\nline two", "lf\nonly", "plain", "", "第三季度财务报告.docx",
                "تقرير الربع الثالث.pdf", "bell\u0007ring", "title\u001b]0;pwned\u0007\u009b2J", "x".repeat(5_000), "trailing=", "mid-dash @ at");
        StringWriter out = new StringWriter();
        CsvReport csv = new CsvReport(out);
        csv.header();
        names.forEach(name -> csv.finding(finding(name)));

        List<List<String>> records = ReportFiles.csv(out.toString());
        assertThat(records).hasSize(names.size() + 1);
        assertThat(String.join(",", records.get(0))).isEqualTo(CsvReport.HEADER);
        int nameColumn = records.get(0).indexOf("asset_name");
        for (int i = 0; i < names.size(); i++) {
            assertThat(records.get(i + 1)).as("every row has every column").hasSize(records.get(0).size());
            // whole, but for what `cat report.csv` would hand the terminal: BEL, ESC (an OSC sets its title), C1's CSI
            assertThat(records.get(i + 1).get(nameColumn))
                    .isEqualTo(names.get(i).replaceAll("[\u0007\u001b\u009b]", "\uFFFD"));
            assertThat(records.get(i + 1).get(records.get(0).indexOf("severity"))).isEqualTo("HIGH");
            assertThat(records.get(i + 1).get(records.get(0).indexOf("asset_exists"))).isEqualTo("true");
            assertThat(records.get(i + 1).get(records.get(0).indexOf("first_seen"))).isEqualTo("2026-11-25T01:00:00Z");
            assertThat(records.get(i + 1).get(records.get(0).indexOf("resolution"))).isEqualTo("SHARE_CHANGED");
            assertThat(records.get(i + 1).get(records.get(0).indexOf("owner_email"))).as("a formula, neutralised")
                    .isEqualTo("'=HYPERLINK(\"http://x\")@acme.example");
            assertThat(records.get(i + 1).get(records.get(0).indexOf("owner_status"))).isEqualTo("INACTIVE");
            assertThat(records.get(i + 1).get(records.get(0).indexOf("owner_delegated_to"))).as("the last column")
                    .isEqualTo("cy@acme.example");
        }
        assertThat(CsvRecords.cell("plain")).as("nothing to quote").isEqualTo("plain");
        assertThat(CsvRecords.cell(null)).isEmpty();
    }

    @Test
    void anAbsentTimeOrFlagIsAnEmptyCell() {
        StringWriter out = new StringWriter();
        new CsvReport(out).finding(new ReportedFinding("shr_1", "FILE_SHARE", "n", null, null, null, null, null, null,
                "p", Severity.LOW, "t", null, FindingStatus.OPEN, 1, null, null, null, null, null, null, null, null, null));
        assertThat(ReportFiles.csv(out.toString())).containsExactly(List.of("shr_1", "FILE_SHARE", "n", "", "", "", "", "",
                "", "p", "LOW", "t", "", "OPEN", "", "1", "", "", "", "", "", "", ""));
    }

    @Test
    void aRemediationRowHasEveryColumnWithFormulaNotesAndMultiLineErrorsKeptAsText() {
        StringWriter out = new StringWriter();
        RemediationCsv csv = new RemediationCsv(out);
        csv.header();
        csv.action(new ReportedAction("shr_1", "FILE_SHARE", "-1+1 report, \"q3\"", "usr_1", "public-file-share", "PUBLIC",
                "TEAM_ONLY", "=CMD() CHG-1 dspm-scanner run 7: policy public-file-share (File) PUBLIC -> TEAM_ONLY",
                ActionStatus.FAILED, null, null, "timeout\r\nread again, the share shows no change",
                Instant.parse("2026-11-25T01:00:00Z"), null));
        csv.action(new ReportedAction("shr_2", "SESSION_SHARE", null, null, "p", "TEAM_ONLY", "OWNER", "n",
                ActionStatus.SKIPPED, SkipReason.GRACE_PERIOD, null, null, null, null));

        assertThat(ReportFiles.csv(out.toString())).containsExactly(List.of(RemediationCsv.HEADER.split(",")),
                List.of("shr_1", "FILE_SHARE", "'-1+1 report, \"q3\"", "usr_1", "public-file-share", "PUBLIC", "TEAM_ONLY",
                        "FAILED", "", "", "2026-11-25T01:00:00Z",
                        "'=CMD() CHG-1 dspm-scanner run 7: policy public-file-share (File) PUBLIC -> TEAM_ONLY",
                        "timeout\r\nread again, the share shows no change"),
                List.of("shr_2", "SESSION_SHARE", "", "", "p", "TEAM_ONLY", "OWNER", "SKIPPED", "GRACE_PERIOD", "", "", "n", ""));
    }

    static ReportedFinding finding(String name) {
        Instant seen = Instant.parse("2026-11-25T01:00:00Z");
        return new ReportedFinding("shr_1", "FILE_SHARE", name, "usr_1", "PUBLIC", "SHARE_SCOPE_PUBLIC", "PUBLIC",
                "SHARE_SCOPE_PUBLIC", true, "public-file-share", Severity.HIGH, "File shared by a public link", "TEAM_ONLY",
                FindingStatus.RESOLVED, 1, seen, seen, null, null, "SHARE_CHANGED", "=HYPERLINK(\"http://x\")@acme.example",
                "INACTIVE", "cy@acme.example", null);
    }
}
