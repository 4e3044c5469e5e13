package dev.dspm.scanner.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

import dev.dspm.scanner.Console;
import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.Snapshot;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.simulator.ListedShare;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * The summary printed at the end of real runs, as the cron mail shows it: the findings table's open count is the one
 * the policy lines and the database give, a resumed run prints the same table as one that never stopped, and expired
 * and unused waivers are named.
 */
class RunSummaryPrintTests {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final String HEADER = "findings                   open  of them new excepted resolved";
    private static final Pattern ROW = Pattern.compile(
            "(?m)^(CRITICAL|HIGH|MEDIUM|LOW|all) +([\\d,]+) +([\\d,]+) +([\\d,]+) +([\\d,]+)$");
    private static final Pattern POLICY = Pattern.compile("(?m)^\\S+ +(?:CRITICAL|HIGH|MEDIUM|LOW) +([\\d,]+) open \\(([\\d,]+) of them new\\)$");

    @TempDir
    Path dir;

    ManusSimulator simulator;
    String db;
    Path reports;

    @BeforeEach
    void start() {
        simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(41L, 1_500)));
        db = TestDatabases.h2(dir);
        reports = dir.resolve("reports");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void aFreshRunsTableCountsNewFindingsAsOpenAsItsPolicyLinesDo() throws Exception {
        Console.Captured run = Console.capture(() -> run());

        assertThat(run.exit()).isZero();
        long runId = Snapshot.latestRun(db);
        long open = Snapshot.single(db, "SELECT COUNT(*) FROM finding WHERE run_id = ? AND status IN ('NEW', 'OPEN')", runId);
        long fresh = Snapshot.single(db, "SELECT COUNT(*) FROM finding WHERE run_id = ? AND status = 'NEW'", runId);
        assertThat(open).as("a first run: every finding is NEW, and open").isEqualTo(fresh).isPositive();
        assertThatTableAgrees(run.out(), runId);
        assertThat(run.out()).contains("(open: NEW and OPEN, what still needs someone; of them new: first seen tonight)");
    }

    /**
     * A run that failed after judging (its report could not be written: a file stands where its folder goes) and was
     * resumed: the resumed execution does not judge again, and still prints the whole findings table.
     */
    @Test
    void aResumedRunPrintsTheSameFindingsTableAsARunThatDidNotStop() throws Exception {
        Files.createDirectories(reports);
        Files.writeString(reports.resolve("1"), "in the way");
        Console.Captured failed = Console.capture(() -> run());
        assertThat(failed.exit()).as(failed.all()).isEqualTo(1);
        assertThat(Snapshot.latestRun(db)).isEqualTo(1);
        assertThat(failed.out()).doesNotContain("report: ");
        Files.delete(reports.resolve("1"));

        Console.Captured resumed = Console.capture(() -> run());

        assertThat(resumed.exit()).as(resumed.all()).isZero();
        assertThat(Snapshot.latestRun(db)).as("the same run, resumed").isEqualTo(1);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")).isEqualTo(2);
        assertThatTableAgrees(resumed.out(), 1);
        assertThat(resumed.out()).contains("report: " + reports.resolve("1").resolve("report.html"));
    }

    /** Run 1 uses a waiver that by run 2 has run out, and another that never matched anything. */
    @Test
    void expiredAndUnusedWaiversAreNamedInTheSummary() throws Exception {
        ListedShare publicFile = simulator.tenant().listed("ASSET_TYPE_FILE_SHARE").stream()
                .filter(share -> "SHARE_SCOPE_PUBLIC".equals(share.permission()) && share.assetExists()).findFirst().orElseThrow();
        Path policies = dir.resolve("policies");
        FileSystemUtils.copyRecursively(Path.of("policies"), policies);
        waivers(policies, publicFile.uid(), TODAY.plusDays(30));
        Console.Captured first = Console.capture(() -> run("--dspm.policies.dir=" + policies));
        assertThat(first.exit()).isZero();
        String used = "share_uid:" + publicFile.uid() + "/public-file-share";
        assertThat(first.out()).contains("waivers: 2 active, 0 expired\n",
                "1 waiver matched nothing (its share was fixed or deleted, or the waiver is wrong): "
                        + "share_uid:no-such-share/public-file-share\n")
                .doesNotContain("expired tonight");

        waivers(policies, publicFile.uid(), TODAY.minusDays(1));
        Console.Captured second = Console.capture(() -> run("--dspm.policies.dir=" + policies));

        assertThat(second.exit()).isZero();
        assertThat(second.out()).contains("waivers: 1 active, 1 expired\n",
                "1 waiver expired tonight (its findings count again): " + used + "\n",
                "1 waiver matched nothing (its share was fixed or deleted, or the waiver is wrong): "
                        + "share_uid:no-such-share/public-file-share\n");

        Console.Captured third = Console.capture(() -> run("--dspm.policies.dir=" + policies));
        assertThat(third.out()).as("expired the night before, not tonight").contains("waivers: 1 active, 1 expired\n")
                .doesNotContain("expired tonight");
    }

    private static void waivers(Path policies, String uid, LocalDate expires) throws Exception {
        Files.writeString(policies.resolve("exceptions.yaml"), """
                waivers:
                  - share_uid: "%s"
                    policy: public-file-share
                    justification: "launch material"
                    approved_by: "ciso@example.com"
                    expires: %s
                  - share_uid: "no-such-share"
                    policy: public-file-share
                    justification: "left over"
                    approved_by: "ciso@example.com"
                    expires: %s
                """.formatted(uid, expires, TODAY.plusDays(60)));
    }

    /** The table's rows are the database's counts, its "all" row their sum, and its open the policy lines' open. */
    private void assertThatTableAgrees(String out, long runId) throws Exception {
        String text = out.replace(System.lineSeparator(), "\n");
        assertThat(text).contains(HEADER);
        Matcher rows = ROW.matcher(text.substring(text.indexOf(HEADER)));
        List<long[]> table = new ArrayList<>();
        while (rows.find()) {
            String severity = rows.group(1);
            long[] row = { number(rows.group(2)), number(rows.group(3)), number(rows.group(4)), number(rows.group(5)) };
            table.add(row);
            String where = severity.equals("all") ? "" : " AND severity = '" + severity + "'";
            assertThat(row).as(severity).containsExactly(
                    count(runId, "status IN ('NEW', 'OPEN')" + where), count(runId, "status = 'NEW'" + where),
                    count(runId, "status = 'EXCEPTED'" + where), count(runId, "status = 'RESOLVED'" + where));
        }
        assertThat(table).as("four severities and all").hasSize(5);
        long policyOpen = 0;
        long policyNew = 0;
        Matcher policies = POLICY.matcher(text);
        while (policies.find()) {
            policyOpen += number(policies.group(1));
            policyNew += number(policies.group(2));
        }
        assertThat(policyOpen).as("the policy lines' open add up to the table's").isEqualTo(table.get(4)[0]).isPositive();
        assertThat(policyNew).isEqualTo(table.get(4)[1]);
    }

    private long count(long runId, String condition) throws Exception {
        return Snapshot.single(db, "SELECT COUNT(*) FROM finding WHERE run_id = ? AND " + condition, runId);
    }

    private static long number(String text) {
        return Long.parseLong(text.replace(",", ""));
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of("--dspm.report.dir=" + reports));
        all.addAll(List.of(args));
        return JobRun.against(simulator, db, all.toArray(String[]::new));
    }
}
