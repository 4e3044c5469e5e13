package dev.dspm.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * Each action in remediation.csv, SKIPPED ones included, under the name its share has in its own run's finding of that
 * share and policy, whichever way the run planned: from its findings, from an approved plan (filtered, so that some of
 * the plan was not read tonight) and as a revert. A share renamed after the plan was made is reported under its new
 * name by the nights that read it renamed.
 */
class ReportedActionTests {

    static final String RENAMED = "Q4 board deck, \"final\" (renamed)";
    static final String[] APPLY = { "--dspm.remediation.mode=apply", "--MANUS_ASSET_MGMT_KEY=" + ManusSimulator.MGMT_KEY,
            "--dspm.remediation.grace-period=PT0S", "--dspm.remediation.max-actions=10000" };

    @TempDir
    Path dir;

    ManusSimulator simulator;
    Path reports;

    @BeforeEach
    void startSimulator() {
        simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(31L, 300)));
        reports = dir.resolve("reports");
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void eachActionIsReportedUnderItsShareNameInItsOwnRunsFinding(String kind) throws Exception {
        String db = TestDatabases.of(kind, dir);
        assertThat(run(db, "--dspm.remediation.mode=plan", "--dspm.remediation.grace-period=PT0S",
                "--dspm.remediation.max-actions=10000")).isZero();
        String renamed = RemediationRowsTests.actions(db, 1).values().stream()
                .filter(a -> a.get("status").equals("PLANNED") && a.get("asset_type").equals("FILE_SHARE"))
                .map(a -> a.get("share_uid")).sorted().findFirst().orElseThrow();
        String before = reportedNames(1).get(renamed);
        simulator.tenant().rename(renamed, RENAMED);

        assertThat(run(db, Stream.concat(Stream.of(APPLY), Stream.of("--dspm.remediation.approved-plan=1",
                "--dspm.scan.asset-types=FILE_SHARE")).toArray(String[]::new))).isZero();
        assertThat(run(db, Stream.concat(Stream.of(APPLY), Stream.of("--dspm.remediation.revert=2"))
                .toArray(String[]::new))).isZero();

        List<Map<String, String>> reported = List.of(reportedNames(1), reportedNames(2), reportedNames(3));
        for (int night = 1; night <= 3; night++) {
            assertThat(reported.get(night - 1)).as("run %d", night).isEqualTo(findingNames(db, night));
        }
        assertThat(before).isNotEqualTo(RENAMED).isNotEmpty();
        assertThat(reported.get(1).get(renamed)).as("applied under tonight's name").isEqualTo(RENAMED);
        assertThat(reported.get(2).get(renamed)).as("reverted under tonight's name").isEqualTo(RENAMED);
        assertThat(RemediationRowsTests.actions(db, 3).get(renamed).get("status")).isEqualTo("APPLIED");
        Map<String, Map<String, String>> notScanned = RemediationRowsTests.actions(db, 2);
        notScanned.values().removeIf(a -> !"NOT_SCANNED".equals(a.get("reason")));
        assertThat(notScanned).as("a plan partly outside night 2's filter").isNotEmpty();
        assertThat(notScanned.keySet()).as("each still named, from its finding carried forward unseen")
                .allSatisfy(uid -> assertThat(reported.get(1).get(uid)).isNotEmpty());
    }

    int run(String db, String... args) {
        return JobRun.against(simulator, db, Stream.concat(Stream.of("--dspm.report.dir=" + reports), Stream.of(args))
                .toArray(String[]::new));
    }

    /** Each action's asset_name in the run's remediation.csv, by share uid, as written (an empty cell for none). */
    private Map<String, String> reportedNames(long runId) throws Exception {
        List<List<String>> csv = ReportFiles.csv(reports.resolve(runId + "/remediation.csv"));
        int name = csv.get(0).indexOf("asset_name");
        Map<String, String> names = new HashMap<>();
        csv.subList(1, csv.size()).forEach(row -> names.put(row.get(0), row.get(name)));
        return names;
    }

    /** Each action's share name in the run's finding of that share and policy, as remediation.csv would write it. */
    private static Map<String, String> findingNames(String db, long runId) throws SQLException {
        Map<String, String> names = new HashMap<>();
        try (Connection connection = TestDatabases.connect(db); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT a.share_uid, f.asset_name FROM remediation_action a "
                        + "LEFT JOIN finding f ON f.run_id = a.run_id AND f.share_uid = a.share_uid AND f.policy_id = a.policy_id "
                        + "WHERE a.run_id = " + runId)) {
            while (rows.next()) {
                names.put(rows.getString(1), ReportFiles.csv(CsvRecords.cell(rows.getString(2)) + "\r\n").get(0).get(0));
            }
        }
        return names;
    }
}
