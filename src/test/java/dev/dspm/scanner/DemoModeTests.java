package dev.dspm.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a new user sees from the README's first command. */
@SystemTest
class DemoModeTests {

    @TempDir
    Path dir;

    @Test
    void theDemoScansItsSimulatedTenantAndPrintsAPerTypeSummary() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("demo");
        // A security engineer's shell: every key variable set, the files unreadable. The demo reads none of them.
        Map<String, String> shell = Map.of(
                "MANUS_ASSET_AUDIT_KEY", "real-audit-key",
                "MANUS_ASSET_AUDIT_KEY_FILE", dir.resolve("audit-key").toString(),
                "MANUS_ASSET_MGMT_KEY", "real-mgmt-key",
                "MANUS_ASSET_MGMT_KEY_FILE", dir.resolve("mgmt-key").toString(),
                "MANUS_USER_MGMT_KEY", "real-user-key",
                "MANUS_USER_MGMT_KEY_FILE", dir.resolve("user-key").toString());

        Console.Captured run = Console.capture(() -> DspmScannerApplication.run(
                new String[] { "--demo", "--spring.datasource.url=" + url, "--dspm.report.dir=" + dir.resolve("reports") },
                Map.of(), shell));

        String printed = run.out();
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.all()).doesNotContain("real-audit-key", "real-mgmt-key", "real-user-key",
                shell.get("MANUS_ASSET_AUDIT_KEY_FILE"), shell.get("MANUS_ASSET_MGMT_KEY_FILE"),
                shell.get("MANUS_USER_MGMT_KEY_FILE"));
        assertThat(printed).contains("simulated Manus tenant of 5,000 shares")
                .containsPattern("FILE_SHARE\\s+[0-9,]+\\s+[0-9,]+\\s+\\d+\\s+\\d+\\s+yes")
                .containsPattern("all\\s+5,000\\s+5,000")
                // a first run: every finding is NEW, and so open (the table's open is the policy lines')
                .containsPattern("(?m)^CRITICAL\\s+([1-9][0-9,]*)\\s+\\1\\s+0\\s+0$")
                .containsPattern("sensitive-name-exposed\\s+CRITICAL\\s+([1-9][0-9,]*) open \\(\\1 of them new\\)")
                .containsPattern("remediation \\(plan\\): [1-9][0-9,]* planned, 0 applied")
                .endsWith("report: " + dir.resolve("reports/1/report.html").toAbsolutePath() + System.lineSeparator());
        for (String file : List.of("report.html", "report.json", "report.csv")) {
            assertThat(dir.resolve("reports/latest").resolve(file)).hasSameBinaryContentAs(dir.resolve("reports/1").resolve(file));
        }
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        SELECT COUNT(*), COUNT(DISTINCT asset_type), SUM(CASE WHEN asset_exists THEN 0 ELSE 1 END),
                               SUM(CASE WHEN permission = 'PUBLIC' THEN 1 ELSE 0 END),
                               SUM(CASE WHEN asset_name LIKE '%<script>%' THEN 1 ELSE 0 END)
                        FROM share_snapshot""")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(5000);
            assertThat(rows.getLong(2)).as("all five types").isEqualTo(5);
            assertThat(rows.getLong(3)).as("stale shares").isPositive();
            assertThat(rows.getLong(4)).as("public shares").isPositive();
            assertThat(rows.getLong(5)).as("hostile names").isPositive();
        }
    }

    @Test
    void theAdviceTheDemoPrintsForItsHeldBackPlanAppliesThatPlanWhenFollowedLiterally() throws Exception {
        String[] demo = { "--demo", "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("demo"),
                "--dspm.report.dir=" + dir.resolve("reports") };
        Console.Captured plan = Console.capture(() -> DspmScannerApplication.run(demo, Map.of(), Map.of()));
        String advice = plan.out().lines().filter(line -> line.startsWith("an apply of this plan would be held back: "))
                .findFirst().orElseThrow();
        String added = advice.replaceAll(".*by running again with (.*) added .*", "$1");
        assertThat(added).isEqualTo("--dspm.remediation.mode=apply --dspm.remediation.approved-plan=1");
        long planned = Long.parseLong(plan.out().replaceAll("(?s).*remediation \\(plan\\): ([0-9,]+) planned.*", "$1")
                .replace(",", ""));

        String[] followed = java.util.stream.Stream.concat(java.util.Arrays.stream(demo),
                java.util.Arrays.stream(added.split(" "))).toArray(String[]::new);
        Console.Captured apply = Console.capture(() -> DspmScannerApplication.run(followed, Map.of(), Map.of()));

        assertThat(apply.exit()).as(apply.err()).isZero();
        assertThat(apply.out()).as("a new simulator, the same tenant: the plan of run 1 is its own")
                .contains(String.format("remediation (apply, the approved plan of run 1): 0 planned, %,d applied, 0 skipped",
                        planned))
                .doesNotContain("held back");
    }
}
