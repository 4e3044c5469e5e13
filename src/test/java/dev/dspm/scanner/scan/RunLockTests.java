package dev.dspm.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.dspm.scanner.Console;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/** One run per tenant at a time (a CronJob can start twice), and a killed run resumed by the next start. */
class RunLockTests {

    static final TenantSpec SPEC = new TenantSpec(23L, Map.of(
            ScanJobConfigurationTests.COLLABORATION, 600, ScanJobConfigurationTests.SESSION, 500,
            ScanJobConfigurationTests.FILE, 900, ScanJobConfigurationTests.WEBSITE, 300,
            ScanJobConfigurationTests.PROJECT, 200), 25, 0.2, 0.05, 0.05, 0.0);

    @TempDir
    Path dir;

    ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(SPEC));

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void aSecondRunForTheSameTenantStopsWithoutSendingARequest() throws Exception {
        String db = TestDatabases.h2(dir);
        assertThat(JobRun.against(simulator, db)).isZero();
        try (Connection connection = TestDatabases.connect(db);
                PreparedStatement statement = connection.prepareStatement("INSERT INTO run_lock "
                        + "(tenant, holder, acquired_at, heartbeat_at) VALUES (?, 'other-pod', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")) {
            statement.setString(1, "http://localhost:" + simulator.baseUrl().getPort());
            statement.executeUpdate();
        }
        int requestsBefore = simulator.requestCount();

        Console.Captured second = Console.capture(() -> JobRun.against(simulator, db));

        assertThat(second.exit()).isEqualTo(1);
        assertThat(second.err()).contains("another run for http://localhost:" + simulator.baseUrl().getPort());
        assertThat(simulator.requestCount()).isEqualTo(requestsBefore);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_run")).isEqualTo(1);
    }

    /** One team, three spellings of its URL: one lock, not three concurrent scans. */
    @ParameterizedTest
    @ValueSource(strings = { "http://127.0.0.1:%d", "http://127.0.0.1:%d/", "HTTP://LOCALHOST:%d" })
    void theLockBelongsToTheTeamNotToTheSpellingOfItsUrl(String spelling) throws Exception {
        String db = TestDatabases.h2(dir);
        assertThat(JobRun.against(simulator, db)).isZero();
        holdLock(db, "http://localhost:" + simulator.baseUrl().getPort());
        int requestsBefore = simulator.requestCount();

        Console.Captured second = Console.capture(() -> JobRun.against(simulator, db,
                "--dspm.api.base-url=" + spelling.formatted(simulator.baseUrl().getPort())));

        assertThat(second.exit()).isEqualTo(1);
        assertThat(second.err()).contains("another run for http://localhost:" + simulator.baseUrl().getPort());
        assertThat(simulator.requestCount()).isEqualTo(requestsBefore);
    }

    @Test
    void twoTeamsBehindOneUrlEachNamedScanSideBySide() throws Exception {
        String db = TestDatabases.h2(dir);
        assertThat(JobRun.against(simulator, db, "--dspm.tenant=team-a")).isZero();
        holdLock(db, "team-a");

        assertThat(JobRun.against(simulator, db, "--dspm.tenant=team-b")).isZero();

        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_run WHERE tenant = 'team-b' AND complete")).isEqualTo(1);
    }

    private static void holdLock(String db, String tenant) throws Exception {
        try (Connection connection = TestDatabases.connect(db);
                PreparedStatement statement = connection.prepareStatement("INSERT INTO run_lock "
                        + "(tenant, holder, acquired_at, heartbeat_at) VALUES (?, 'other-pod', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")) {
            statement.setString(1, tenant);
            statement.executeUpdate();
        }
    }

    @Test
    void aRunKilledWithSigkillIsResumedOnceItsLockGoesStale() throws Exception {
        String db = TestDatabases.postgres();
        simulator.faults().delayNext(Duration.ofMillis(150), 1000);
        Process doomed = startInChildJvm(db);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (simulator.requestCount() < 8 && System.nanoTime() < deadline && doomed.isAlive()) {
            Thread.sleep(20);
        }
        assertThat(doomed.isAlive()).as("the child run is mid-scan").isTrue();
        doomed.destroyForcibly().waitFor();
        simulator.faults().clear();
        long runId = Snapshot.latestRun(db);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_run WHERE status = 'RUNNING'")).isEqualTo(1);
        Thread.sleep(1500);

        int exit = JobRun.against(simulator, db, "--dspm.lock.stale-after=PT1S", "--dspm.scan.page-size=100");

        assertThat(exit).isZero();
        assertThat(Snapshot.latestRun(db)).as("the killed run was resumed, not replaced").isEqualTo(runId);
        assertThat(Snapshot.shares(db, runId))
                .containsExactlyElementsOf(Snapshot.expected(simulator.tenant(), ScanJobConfigurationTests.ALL_TYPES));
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_partition WHERE run_id = ? AND complete", runId))
                .isEqualTo(5);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM run_lock")).as("the lock is released").isZero();
    }

    private Process startInChildJvm(String db) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.dspm.scanner.DspmScannerApplication",
                "--dspm.api.base-url=" + simulator.baseUrl(), "--spring.datasource.url=" + db,
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                "--dspm.scan.page-size=100", "--dspm.scan.threads=2", "--dspm.lock.stale-after=PT1S"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile());
        builder.environment().put("MANUS_ASSET_AUDIT_KEY", ManusSimulator.AUDIT_KEY);
        return builder.start();
    }
}
