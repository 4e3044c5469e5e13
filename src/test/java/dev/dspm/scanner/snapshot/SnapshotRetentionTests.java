package dev.dspm.scanner.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.FileSystemUtils;

import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.Snapshot;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.scan.ScanJobConfigurationTests;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

class SnapshotRetentionTests {

    @TempDir
    Path dir;

    ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(
            TenantSpec.of(5L, Map.of(ScanJobConfigurationTests.FILE, 250))));

    @AfterEach
    void stop() {
        simulator.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void keepsTheNewestRunsAndDropsOlderOnesWholeWithTheirBatchHistory(String kind) throws Exception {
        String db = TestDatabases.of(kind, dir);
        for (int run = 0; run < 4; run++) {
            assertThat(JobRun.against(simulator, db, "--dspm.retention.keep-runs=2")).isZero();
        }

        long newest = Snapshot.latestRun(db);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_run")).isEqualTo(2);
        assertThat(Snapshot.single(db, "SELECT MIN(run_id) FROM scan_run")).isEqualTo(newest - 1);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM share_snapshot")).isEqualTo(500);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_partition WHERE run_id < ?", newest - 1)).isZero();
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM information_schema.tables "
                + "WHERE LOWER(table_name) LIKE 'share_snapshot\\_%' AND LOWER(table_name) <> 'share_snapshot'"))
                .as("the pruned runs' tables are dropped").isEqualTo(2);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).isEqualTo(2);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID < ?", newest - 1)).isZero();
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM BATCH_STEP_EXECUTION s JOIN BATCH_JOB_EXECUTION e "
                + "ON s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID WHERE e.JOB_INSTANCE_ID < ?", newest - 1)).isZero();
    }

    /**
     * Every table with a {@code run_id} column, found from the schema, holds no row of a pruned run: a table added later
     * is covered without being named here. Each is declared in {@link RunRecords} (or is the run's own row or table).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void aPrunedRunLeavesNoRowInAnyTableWithARunId(String kind) throws Exception {
        String db = TestDatabases.of(kind, dir);
        Path policies = dir.resolve("policies");
        FileSystemUtils.copyRecursively(Path.of("policies"), policies);
        Files.writeString(policies.resolve("exceptions.yaml"), """
                waivers:
                  - owner_id: "nobody"
                    policy: "*"
                    justification: "a waiver, so that the run has one"
                    approved_by: "ciso@example.com"
                    expires: 2099-12-31
                """);
        // A rule that fails on one share, which is deleted before the second run: run 1 records it (and exits 1).
        String failing = simulator.tenant().listed("ASSET_TYPE_FILE_SHARE").get(0).uid();
        Files.writeString(policies.resolve("failing.drl"), """
                package policies
                import dev.dspm.scanner.policy.RunContext
                import dev.dspm.scanner.policy.Share
                rule "Fails on one share"
                    @id("failing") @title("F") @severity(LOW) @recommendedScope(none) @autoRemediate(false) @rationale("r")
                when
                    $context : RunContext()
                    Share(uid == "%s", $context.number("no-such-setting") > 0)
                then
                end
                """.formatted(failing));
        // Every per-run table written: findings and a waiver, a rule failure, a plan, the owners, a notification (which
        // the simulator refuses with a 404: a failed one is in the ledger too), a push of its events.
        WireMockServer collector = new WireMockServer(WireMockConfiguration.wireMockConfig().dynamicPort()
                .bindAddress("127.0.0.1"));
        collector.start();
        collector.stubFor(WireMock.post("/events").willReturn(WireMock.aResponse().withStatus(200)));
        String[] everything = { "--dspm.retention.keep-runs=1", "--dspm.remediation.grace-period=PT0S",
                "--MANUS_USER_MGMT_KEY=" + ManusSimulator.USER_KEY, "--dspm.policies.dir=" + policies,
                "--dspm.notify.slack.webhook-url=" + simulator.baseUrl() + "/slack-webhook",
                "--dspm.export.http.url=http://127.0.0.1:" + collector.port() + "/events" };
        try {
            runTwice(db, everything, failing);
        } finally {
            collector.stop();
        }
    }

    private void runTwice(String db, String[] everything, String failing) throws Exception {
        assertThat(JobRun.against(simulator, db, everything)).as("a rule failed on one share").isEqualTo(1);
        List<String> tables = tablesWithARunId(db);
        // judged_finding holds a run's findings only while they are judged: empty once its evaluation ends
        for (String table : tables.stream().filter(table -> !table.equals("judged_finding")).toList()) {
            assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM " + table + " WHERE run_id = 1"))
                    .as("run 1 wrote to " + table).isPositive();
        }
        assertThat(tables).as("every table of a run's rows is declared").containsExactlyInAnyOrderElementsOf(Stream.concat(
                Stream.of(RunRecords.values()).map(RunRecords::table), Stream.of("scan_run", "share_snapshot")).toList());

        simulator.tenant().removeShare(failing);
        assertThat(JobRun.against(simulator, db, everything)).isZero();

        for (String table : tables) {
            assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM " + table + " WHERE run_id = 1"))
                    .as("rows of the pruned run 1 in " + table).isZero();
        }
    }

    /** The tables (not views, not the runs' own tables) with a run_id column, and share_snapshot. */
    private static List<String> tablesWithARunId(String db) throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection connection = TestDatabases.connect(db); ResultSet rs = connection.createStatement().executeQuery("""
                SELECT DISTINCT LOWER(c.table_name) FROM information_schema.columns c
                WHERE LOWER(c.column_name) = 'run_id' AND LOWER(c.table_schema) IN ('public')
                  AND LOWER(c.table_name) NOT LIKE 'share\\_snapshot\\_%' AND LOWER(c.table_name) NOT LIKE 'share_snapshot_v%'""")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    /** An expired key for a week must not cost the good snapshots at the next success. */
    @Test
    void failedRunsDoNotCountTowardsKeepRunsAndGoOnceTheyAreOldEnough() throws Exception {
        String db = TestDatabases.h2(dir);
        assertThat(JobRun.against(simulator, db, "--dspm.retention.keep-runs=2")).isZero();
        long good = Snapshot.latestRun(db);
        for (int night = 0; night < 3; night++) {
            simulator.faults().failAfter(1, 500, Integer.MAX_VALUE);
            assertThat(JobRun.against(simulator, db, "--dspm.api.max-attempts=1", "--dspm.scan.resume-within=PT0S"))
                    .isEqualTo(1);
            simulator.faults().clear();
        }
        assertThat(JobRun.against(simulator, db, "--dspm.retention.keep-runs=2", "--dspm.scan.resume-within=PT0S")).isZero();

        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_run WHERE status = 'FAILED'")).isEqualTo(3);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_run WHERE run_id = ?", good)).as("the good snapshot").isEqualTo(1);

        Thread.sleep(1100);
        assertThat(JobRun.against(simulator, db, "--dspm.retention.keep-runs=2", "--dspm.scan.resume-within=PT0S",
                "--dspm.retention.failed-runs-max-age=PT1S")).isZero();

        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_run WHERE status = 'FAILED'")).isZero();
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_run")).isEqualTo(2);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).isEqualTo(2);
    }

    @Test
    void theNewestCompleteRunIsKeptBesideIncompleteOnes() throws Exception {
        String db = TestDatabases.h2(dir);
        assertThat(JobRun.against(simulator, db, "--dspm.retention.keep-runs=1")).isZero();
        long complete = Snapshot.latestRun(db);
        listingNeverSettles();
        for (int night = 0; night < 2; night++) {
            assertThat(incompleteRun(db, 1)).isZero();
        }

        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_run WHERE NOT complete")).isEqualTo(1);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_run WHERE run_id = ? AND complete", complete)).isEqualTo(1);
    }

    /** The newest complete run, kept within keep-runs, is the one kept: an older complete run is not kept as well. */
    @Test
    void theNewestCompleteRunWithinKeepRunsIsTheOnlyExtraKept() throws Exception {
        String db = TestDatabases.h2(dir);
        for (int night = 0; night < 2; night++) {
            assertThat(JobRun.against(simulator, db, "--dspm.retention.keep-runs=2")).isZero();
        }
        long newerComplete = Snapshot.latestRun(db);
        listingNeverSettles();
        assertThat(incompleteRun(db, 2)).isZero();

        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_run")).isEqualTo(2);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_run WHERE run_id = ? AND complete", newerComplete)).isEqualTo(1);
    }

    /**
     * A start that failed before its first step (the database refused it, say) leaves Spring Batch rows
     * and no run. Once older than the resume window they go; a recent one, and an instance with no
     * execution yet (another process starting), stay.
     */
    @Test
    void jobInstancesThatNeverRecordedARunGoOnceOld() throws Exception {
        String db = TestDatabases.h2(dir);
        assertThat(JobRun.against(simulator, db)).isZero();
        try (Connection connection = TestDatabases.connect(db); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY) VALUES "
                    + "(900, 0, 'shareScan', 'old'), (901, 0, 'shareScan', 'recent'), (902, 0, 'shareScan', 'starting')");
            statement.execute("INSERT INTO BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID, CREATE_TIME, STATUS) "
                    + "VALUES (900, 0, 900, DATEADD('DAY', -30, CURRENT_TIMESTAMP), 'FAILED'), (901, 0, 901, CURRENT_TIMESTAMP, 'FAILED')");
        }

        assertThat(JobRun.against(simulator, db)).isZero();

        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_INSTANCE_ID = 900")).isZero();
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = 900")).isZero();
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_INSTANCE_ID IN (901, 902)")).isEqualTo(2);
    }

    @Test
    void anotherTenantsRunsAreLeftAlone() throws Exception {
        String db = TestDatabases.h2(dir);
        assertThat(JobRun.against(simulator, db, "--dspm.tenant=team-a")).isZero();
        long teamA = Snapshot.latestRun(db);
        for (int run = 0; run < 2; run++) {
            assertThat(JobRun.against(simulator, db, "--dspm.tenant=team-b", "--dspm.retention.keep-runs=1")).isZero();
        }

        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_run WHERE run_id = ? AND tenant = 'team-a'", teamA)).isEqualTo(1);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_run WHERE tenant = 'team-b'")).isEqualTo(1);
    }

    /** Every later run is incomplete: a share goes before every other page request. */
    private void listingNeverSettles() {
        for (int request = 3; request < 60; request += 2) {
            simulator.faults().beforeListRequest(request, tenant -> tenant.removeShare(tenant.listed(ScanJobConfigurationTests.FILE).get(0).uid()));
        }
    }

    private int incompleteRun(String db, int keepRuns) {
        return JobRun.against(simulator, db, "--dspm.retention.keep-runs=" + keepRuns, "--dspm.scan.max-rereads=0",
                "--dspm.scan.page-size=50");
    }
}
