package dev.dspm.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.dspm.scanner.findings.FindingStatus;
import dev.dspm.scanner.policy.Severity;

class WorstFirstTests {

    @Test
    void keepsExactlyTheWorstOfAStreamInTheOrderAReviewerReadsThem() {
        List<ReportedFinding> all = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            all.add(finding(i, Severity.values()[i % 4], FindingStatus.values()[i % 4], i % 7 == 0 ? null : "name-" + (i % 13)));
        }
        Collections.shuffle(all, new Random(7));
        WorstFirst worst = new WorstFirst(100);
        all.forEach(worst::offer);

        List<ReportedFinding> sorted = new ArrayList<>(all);
        sorted.sort(WorstFirst.ORDER);
        assertThat(worst.list()).isEqualTo(sorted.subList(0, 100));
        assertThat(worst.list()).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.CRITICAL));
    }

    @Test
    void severityThenNewOpenWaivedResolvedThenPolicyNameAndShare() {
        ReportedFinding criticalResolved = finding(1, Severity.CRITICAL, FindingStatus.RESOLVED, "a");
        ReportedFinding highNew = finding(2, Severity.HIGH, FindingStatus.NEW, "a");
        ReportedFinding highOpen = finding(3, Severity.HIGH, FindingStatus.OPEN, "a");
        ReportedFinding highExcepted = finding(4, Severity.HIGH, FindingStatus.EXCEPTED, "a");
        ReportedFinding highResolved = finding(5, Severity.HIGH, FindingStatus.RESOLVED, "a");
        ReportedFinding highNewUnnamed = finding(6, Severity.HIGH, FindingStatus.NEW, null);
        WorstFirst worst = new WorstFirst(10);
        List.of(highResolved, highNewUnnamed, highExcepted, highOpen, highNew, criticalResolved).forEach(worst::offer);

        assertThat(worst.list()).containsExactly(criticalResolved, highNew, highNewUnnamed, highOpen, highExcepted, highResolved);
    }

    @Test
    void fewerThanTheLimitAreAllKept() {
        WorstFirst worst = new WorstFirst(10_000);
        worst.offer(finding(1, Severity.LOW, FindingStatus.NEW, "x"));
        assertThat(worst.list()).hasSize(1);
    }

    static ReportedFinding finding(int i, Severity severity, FindingStatus status, String name) {
        return new ReportedFinding(String.format("shr_%05d", i), "FILE_SHARE", name, "usr_1", "PUBLIC", "SHARE_SCOPE_PUBLIC",
                "PUBLIC", "SHARE_SCOPE_PUBLIC", true, "public-file-share", severity, "File shared by a public link", "TEAM_ONLY",
                status, 1, null, null, null, null, null, null, null, null, null);
    }
}
