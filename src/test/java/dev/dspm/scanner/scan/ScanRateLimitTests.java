package dev.dspm.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.Snapshot;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * The real API publishes no limit, so the shared limiter must find the server's: against a
 * simulator limited to R requests/s, the scan runs near R without a storm of 429s.
 */
class ScanRateLimitTests {

    static final double LIMIT = 40;
    static final int BURST = 5;

    ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.of(13L, Map.of(
            ScanJobConfigurationTests.COLLABORATION, 4200, ScanJobConfigurationTests.SESSION, 3000,
            ScanJobConfigurationTests.FILE, 5400, ScanJobConfigurationTests.WEBSITE, 2100,
            ScanJobConfigurationTests.PROJECT, 1300))));

    @AfterEach
    void stop() {
        simulator.close();
    }

    /** On PostgreSQL, where the five partitions are paged side by side, all of them sharing the limiter. */
    @Test
    void findsTheServersLimitAndStaysNearIt() throws Exception {
        String db = TestDatabases.postgres();
        simulator.faults().rateLimit(LIMIT, BURST);

        int exit = JobRun.against(simulator, db, "--dspm.scan.page-size=100", "--dspm.api.max-requests-per-second=100",
                "--dspm.api.initial-backoff=PT0.2S", "--dspm.api.max-backoff=PT5S", "--dspm.api.max-attempts=8");

        assertThat(exit).isZero();
        long runId = Snapshot.latestRun(db);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM share_snapshot WHERE run_id = ?", runId)).isEqualTo(16_000);
        int requests = simulator.requestCount();
        int throttled = simulator.faults().throttledCount();
        int answered = requests - throttled;
        Duration leastTime = Duration.ofMillis((long) ((answered - BURST) / LIMIT * 1000));
        Duration scan = scanStepTime(db, runId);
        System.out.printf("rate limit %.0f/s: %d requests, %d answered 429, scan %d ms, least %d ms (%.2fx)%n", LIMIT,
                requests, throttled, scan.toMillis(), leastTime.toMillis(), (double) scan.toMillis() / leastTime.toMillis());
        assertThat(scan).isLessThanOrEqualTo(leastTime.multipliedBy(3).dividedBy(2));
        assertThat(throttled).isLessThanOrEqualTo(requests / 10);
    }

    private static Duration scanStepTime(String db, long runId) throws Exception {
        try (Connection connection = TestDatabases.connect(db); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        SELECT s.START_TIME, s.END_TIME FROM BATCH_STEP_EXECUTION s
                        JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID
                        WHERE s.STEP_NAME = 'scan' AND e.JOB_INSTANCE_ID = """ + runId)) {
            rows.next();
            return Duration.between(rows.getTimestamp(1).toInstant(), rows.getTimestamp(2).toInstant());
        }
    }
}
