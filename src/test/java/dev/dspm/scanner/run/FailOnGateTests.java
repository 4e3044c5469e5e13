package dev.dspm.scanner.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.findings.FindingCounts;
import dev.dspm.scanner.findings.FindingStatus;
import dev.dspm.scanner.findings.FindingsTesting;
import dev.dspm.scanner.policy.Severity;

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

        assertThat(FailOnGate.breach(7, () -> counts(jdbc, 7), failOn).isPresent()).isEqualTo(breached);
        assertThat(FailOnGate.breach(8, () -> {
            throw new AssertionError("counted without a gate");
        }, null)).as("no threshold, no gate, and no count").isEmpty();
    }

    @Test
    void theLineCountsTheFindingsAndNamesTheSetting() {
        JdbcClient jdbc = database();
        jdbc.sql("INSERT INTO finding (run_id, severity, status) SELECT 7, 'CRITICAL', 'OPEN' FROM SYSTEM_RANGE(1, 1234)").update();
        assertThat(FailOnGate.breach(7, () -> counts(jdbc, 7), Severity.MEDIUM))
                .hasValue("run 7 has 1,234 new or open findings at or above MEDIUM (dspm.fail-on=MEDIUM)");
    }

    private static FindingCounts counts(JdbcClient jdbc, long runId) {
        return FindingsTesting.counter(jdbc).of(runId);
    }

    private JdbcClient database() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(TestDatabases.h2(dir) + "-gate");
        dataSource.setUser("sa");
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("CREATE TABLE finding (run_id BIGINT, severity VARCHAR(10), status VARCHAR(10))").update();
        return jdbc;
    }
}
