package dev.dspm.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.StreamSupport;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import dev.dspm.scanner.Console;
import dev.dspm.scanner.policy.FindingStatus;
import dev.dspm.scanner.policy.Severity;
import dev.dspm.scanner.scan.JobRun;
import dev.dspm.scanner.scan.Snapshot;
import dev.dspm.scanner.scan.TestDatabases;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/** {@code dspm.fail-on}: exit 3 for a NEW or OPEN finding at or above the threshold, never for a waived or resolved one. */
class FailOnGateTests {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}, fail-on {2}: breached {3}")
    @CsvSource({
            "HIGH, NEW, HIGH, true", "HIGH, OPEN, HIGH, true", "CRITICAL, OPEN, HIGH, true",
            "MEDIUM, NEW, HIGH, false", "HIGH, EXCEPTED, HIGH, false", "HIGH, RESOLVED, HIGH, false",
            "LOW, NEW, LOW, true", "CRITICAL, NEW, CRITICAL, true", "HIGH, NEW, CRITICAL, false" })
    void countsOnlyFindingsThatStillNeedSomeoneAtOrAboveTheThreshold(Severity severity, FindingStatus status,
            Severity failOn, boolean breached) {
        JdbcClient jdbc = database();
        jdbc.sql("INSERT INTO finding (run_id, severity, status) VALUES (7, ?, ?)").params(severity.name(), status.name()).update();
        jdbc.sql("INSERT INTO finding (run_id, severity, status) VALUES (8, 'CRITICAL', 'NEW')").update();

        assertThat(gate(jdbc, failOn).breach(7).isPresent()).isEqualTo(breached);
        assertThat(gate(jdbc, null).breach(8)).as("no threshold, no gate").isEmpty();
    }

    @Test
    void theLineCountsTheFindingsAndNamesTheSetting() {
        JdbcClient jdbc = database();
        for (int i = 0; i < 1_234; i++) {
            jdbc.sql("INSERT INTO finding (run_id, severity, status) VALUES (7, 'CRITICAL', 'OPEN')").update();
        }
        assertThat(gate(jdbc, Severity.MEDIUM).breach(7))
                .hasValue("run 7 has 1,234 new or open findings at or above MEDIUM (dspm.fail-on=MEDIUM)");
    }

    @Test
    void aRealRunExitsThreeOnItsFindingsAndZeroOnceTheyAreResolved() throws Exception {
        try (ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(31L, 600)))) {
            String db = TestDatabases.h2(dir);
            Path reports = dir.resolve("reports");
            Console.Captured failing = Console.capture(() -> JobRun.against(simulator, db, "--dspm.fail-on=HIGH",
                    "--dspm.report.dir=" + reports));
            assertThat(failing.exit()).isEqualTo(3);
            JsonNode report = ReportFiles.json(reports.resolve("latest/report.json"));
            long atOrAboveHigh = StreamSupport.stream(report.get("findings").spliterator(), false)
                    .filter(f -> f.get("severity").asString().matches("HIGH|CRITICAL")).count();
            assertThat(atOrAboveHigh).isPositive();
            assertThat(failing.err()).as("the report is written first, then the gate says why")
                    .contains(String.format("dspm-scanner: run %d has %,d new or open findings at or above HIGH (dspm.fail-on=HIGH)",
                            Snapshot.latestRun(db), atOrAboveHigh));

            for (String type : RunReportTests.TYPES) {
                simulator.tenant().setGlobalControl(type, "SHARE_SCOPE_OWNER");
            }
            assertThat(JobRun.against(simulator, db, "--dspm.fail-on=HIGH", "--dspm.report.dir=" + reports))
                    .as("every HIGH and CRITICAL finding resolved: they no longer count").isZero();
            long resolved = StreamSupport.stream(ReportFiles.json(reports.resolve("latest/report.json")).get("findings")
                    .spliterator(), false).filter(f -> f.get("severity").asString().matches("HIGH|CRITICAL")
                            && f.get("status").asString().equals("RESOLVED")).count();
            assertThat(resolved).isEqualTo(atOrAboveHigh);
        }
    }

    private JdbcClient database() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(TestDatabases.h2(dir) + "-gate");
        dataSource.setUser("sa");
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("CREATE TABLE finding (run_id BIGINT, severity VARCHAR(10), status VARCHAR(10))").update();
        return jdbc;
    }

    private static FailOnGate gate(JdbcClient jdbc, Severity failOn) {
        return new FailOnGate(new ReportSettings(failOn, new ReportSettings.Report(Path.of("reports"), 10_000)), jdbc);
    }
}
