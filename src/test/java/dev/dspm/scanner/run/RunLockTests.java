package dev.dspm.scanner.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.dspm.scanner.ChildRun;
import dev.dspm.scanner.Console;
import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.Snapshot;
import dev.dspm.scanner.SystemTest;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.scan.ScanJobConfigurationTests;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * One run per tenant at a time (a CronJob can start twice), a killed run resumed by the next start, and who
 * may take a lock over: a holder that is certainly gone at once, any other only once its heartbeat is stale.
 */
class RunLockTests {

    static final TenantSpec SPEC = new TenantSpec(23L, Map.of(
            ScanJobConfigurationTests.COLLABORATION, 600, ScanJobConfigurationTests.SESSION, 500,
            ScanJobConfigurationTests.FILE, 900, ScanJobConfigurationTests.WEBSITE, 300,
            ScanJobConfigurationTests.PROJECT, 200), 25, 0.2, 0.05, 0.05, 0.0);

    static final String TENANT = HeldRunLockTests.TENANT;
    static final Duration STALE_AFTER = Duration.ofMinutes(1);

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
        holdLock(db, "http://localhost:" + simulator.baseUrl().getPort());
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
    @SystemTest
    void aRunKilledWithSigkillIsResumedAtOnceByTheNextStartOnItsHost() throws Exception {
        String db = TestDatabases.postgres();
        simulator.faults().delayNext(Duration.ofMillis(150), 1000);
        Process doomed = ChildRun.midScan(simulator, db, dir.resolve("child.log"), 8, "--dspm.scan.page-size=100",
                "--dspm.scan.threads=2");
        doomed.destroyForcibly().waitFor();
        simulator.faults().clear();
        long runId = Snapshot.latestRun(db);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_run WHERE status = 'RUNNING'")).isEqualTo(1);

        // The default stale-after (2 minutes) has not passed: the lock is taken because its process is gone.
        int exit = JobRun.against(simulator, db, "--dspm.scan.page-size=100");

        assertThat(exit).isZero();
        assertThat(Snapshot.latestRun(db)).as("the killed run was resumed, not replaced").isEqualTo(runId);
        assertThat(Snapshot.shares(db, runId))
                .containsExactlyElementsOf(Snapshot.expected(simulator.tenant(), ScanJobConfigurationTests.ALL_TYPES));
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_partition WHERE run_id = ? AND complete", runId))
                .isEqualTo(5);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM run_lock")).as("the lock is released").isZero();
    }

    @Test
    void aLockWhoseProcessOnThisHostHasExitedIsTakenAtOnce() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        try (LockDatabase db = new LockDatabase(TestDatabases.h2(dir))) {
            String dead = exited.pid() + "@" + LockHolder.SELF.host() + "/x";
            heldBy(db, dead, Duration.ZERO, STALE_AFTER);

            try (HeldRunLock lock = db.lock(STALE_AFTER).acquire(TENANT, reason -> { })) {
                assertThat(holders(db)).containsExactly(LockHolder.SELF.toString());
            }
        }
    }

    @Test
    void aLockOfAnEarlierProcessWithThisPidOnThisHostIsTakenAtOnce() throws Exception {
        // A restarted container runs as pid 1 again: only the incarnation tells the two apart.
        try (LockDatabase db = new LockDatabase(TestDatabases.h2(dir))) {
            heldBy(db, LockHolder.SELF.pid() + "@" + LockHolder.SELF.host() + "/earlier", Duration.ZERO, STALE_AFTER);

            try (HeldRunLock lock = db.lock(STALE_AFTER).acquire(TENANT, reason -> { })) {
                assertThat(holders(db)).containsExactly(LockHolder.SELF.toString());
            }
        }
    }

    @Test
    void aLockOfARunningProcessOnThisHostIsRefused() throws Exception {
        Process sleeping = new ProcessBuilder("sleep", "60").start();
        try (LockDatabase db = new LockDatabase(TestDatabases.h2(dir))) {
            String alive = sleeping.pid() + "@" + LockHolder.SELF.host() + "/x";
            heldBy(db, alive, Duration.ZERO, STALE_AFTER);

            assertThatThrownBy(() -> db.lock(STALE_AFTER).acquire(TENANT, reason -> { }))
                    .isInstanceOf(RunInProgressException.class)
                    .hasMessageStartingWith("another run for " + TENANT + " is in progress (held by " + alive);
            assertThat(holders(db)).containsExactly(alive);
        } finally {
            sleeping.destroyForcibly().waitFor();
        }
    }

    @Test
    void aLockHeldInThisJvmIsRefused() throws Exception {
        try (LockDatabase db = new LockDatabase(TestDatabases.h2(dir));
                HeldRunLock first = db.lock(STALE_AFTER).acquire(TENANT, reason -> { })) {
            assertThatThrownBy(() -> db.lock(STALE_AFTER).acquire(TENANT, reason -> { }))
                    .isInstanceOf(RunInProgressException.class);
        }
    }

    @Test
    void aLockOnAnotherHostIsRefusedWhileItsHeartbeatIsFreshAndTakenOnceStale() throws Exception {
        try (LockDatabase db = new LockDatabase(TestDatabases.h2(dir))) {
            heldBy(db, "1@another-host/x", Duration.ofSeconds(50), STALE_AFTER);
            assertThatThrownBy(() -> db.lock(STALE_AFTER).acquire(TENANT, reason -> { }))
                    .isInstanceOf(RunInProgressException.class);

            db.jdbc.sql("DELETE FROM run_lock").update();
            heldBy(db, "1@another-host/x", Duration.ofSeconds(70), STALE_AFTER);
            try (HeldRunLock lock = db.lock(STALE_AFTER).acquire(TENANT, reason -> { })) {
                assertThat(holders(db)).containsExactly(LockHolder.SELF.toString());
            }
        }
    }

    @Test
    void aNewcomerWithAShorterStaleAfterWaitsForTheHoldersOwn() throws Exception {
        try (LockDatabase db = new LockDatabase(TestDatabases.h2(dir))) {
            heldBy(db, "1@another-host/x", Duration.ofMinutes(3), Duration.ofMinutes(10));
            assertThatThrownBy(() -> db.lock(Duration.ofSeconds(1)).acquire(TENANT, reason -> { }))
                    .isInstanceOf(RunInProgressException.class)
                    .hasMessageContaining("taken over after PT10M");

            db.jdbc.sql("DELETE FROM run_lock").update();
            heldBy(db, "1@another-host/x", Duration.ofMinutes(11), Duration.ofMinutes(10));
            try (HeldRunLock lock = db.lock(Duration.ofSeconds(1)).acquire(TENANT, reason -> { })) {
                assertThat(holders(db)).containsExactly(LockHolder.SELF.toString());
                assertThat(db.jdbc.sql("SELECT stale_after_ms FROM run_lock").query(Long.class).single())
                        .as("the newcomer records its own").isEqualTo(1000);
            }
        }
    }

    @Test
    void aLockFromAVersionThatDidNotRecordItsStaleAfterIsJudgedByTheNewcomers() throws Exception {
        try (LockDatabase db = new LockDatabase(TestDatabases.h2(dir))) {
            heldBy(db, "other-pod", Duration.ofSeconds(70), null);

            try (HeldRunLock lock = db.lock(STALE_AFTER).acquire(TENANT, reason -> { })) {
                assertThat(holders(db)).containsExactly(LockHolder.SELF.toString());
            }
        }
    }

    /** A lock row as another process would have left it, its last heartbeat {@code age} ago by the database's clock. */
    private static void heldBy(LockDatabase db, String holder, Duration age, Duration staleAfter) {
        OffsetDateTime now = db.jdbc.sql("SELECT CURRENT_TIMESTAMP").query(OffsetDateTime.class).single();
        db.jdbc.sql("INSERT INTO run_lock (tenant, holder, acquired_at, heartbeat_at, stale_after_ms) VALUES (?, ?, ?, ?, ?)")
                .params(TENANT, holder, now.minus(age), now.minus(age), staleAfter == null ? null : staleAfter.toMillis())
                .update();
    }

    private static List<String> holders(LockDatabase db) {
        return db.jdbc.sql("SELECT holder FROM run_lock").query(String.class).list();
    }
}
