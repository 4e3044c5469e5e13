package dev.dspm.scanner.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.SystemTest;
import dev.dspm.scanner.TestDatabases;

/**
 * A held lock notices when it is no longer held: taken over, deleted, or kept in a database that stopped
 * answering; and it never leaves the run waiting on that database.
 */
class HeldRunLockTests {

    static final String TENANT = "https://api.manus.example/team-7";
    /** The default: a lost database must be noticed within seconds even so. */
    static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(2);
    /** Beats every half second, for tests that watch several beats. */
    static final Duration QUICK = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    Losses losses = new Losses();

    @Test
    void theHeartbeatAdvancesWhileTheLockIsHeld() throws Exception {
        try (LockDatabase db = new LockDatabase(TestDatabases.h2(dir));
                HeldRunLock lock = db.lock(QUICK).acquire(TENANT, losses)) {
            OffsetDateTime acquired = heartbeat(db);
            Thread.sleep(1200);
            OffsetDateTime later = heartbeat(db);
            Thread.sleep(1200);

            assertThat(later).isAfter(acquired);
            assertThat(heartbeat(db)).isAfter(later);
            assertThat(losses.reasons).isEmpty();
        }
    }

    @Test
    void aLockTakenOverByAnotherHolderIsReportedOnceNamingTheNewHolder() throws Exception {
        try (LockDatabase db = new LockDatabase(TestDatabases.h2(dir));
                HeldRunLock lock = db.lock(QUICK).acquire(TENANT, losses)) {
            db.jdbc.sql("UPDATE run_lock SET holder = '4242@pod-b/9f1c' WHERE tenant = ?").param(TENANT).update();
            long takenOver = System.nanoTime();

            assertThat(losses.within(takenOver, Duration.ofSeconds(3)))
                    .isEqualTo("the run lock of " + TENANT + " was taken over by 4242@pod-b/9f1c; "
                            + "this run must stop so that two runs never write one tenant");
            Thread.sleep(1500);
            assertThat(losses.reasons).as("reported once, then the heartbeat stops").hasSize(1);
            assertThat(holders(db)).as("the new holder's lock is left alone").containsExactly("4242@pod-b/9f1c");
        }
        assertThat(losses.reasons).hasSize(1);
    }

    @Test
    void aDeletedLockIsReported() throws Exception {
        try (LockDatabase db = new LockDatabase(TestDatabases.h2(dir));
                HeldRunLock lock = db.lock(QUICK).acquire(TENANT, losses)) {
            db.jdbc.sql("DELETE FROM run_lock").update();
            long deleted = System.nanoTime();

            assertThat(losses.within(deleted, Duration.ofSeconds(3))).startsWith("the run lock of " + TENANT + " was deleted");
            Thread.sleep(1500);
            assertThat(losses.reasons).hasSize(1);
            assertThat(holders(db)).as("the heartbeat does not bring it back").isEmpty();
        }
    }

    @Test
    void closeReleasesTheLockAndReportsNothing() throws Exception {
        try (LockDatabase db = new LockDatabase(TestDatabases.h2(dir))) {
            HeldRunLock lock = db.lock(QUICK).acquire(TENANT, losses);
            assertThat(holders(db)).containsExactly(LockHolder.SELF.toString());

            lock.close();
            Thread.sleep(1500);

            assertThat(holders(db)).isEmpty();
            assertThat(losses.reasons).as("a released lock is not a lost one").isEmpty();
        }
    }

    @Test
    @SystemTest
    void aStoppedDatabaseIsReportedWithinSeconds() throws Exception {
        try (VanishingPostgres postgres = new VanishingPostgres(dir.resolve("pg"));
                LockDatabase db = new LockDatabase(postgres.jdbcUrl());
                HeldRunLock lock = db.lock(DEFAULT_STALE_AFTER).acquire(TENANT, losses)) {
            long stopped = System.nanoTime();
            postgres.stop();

            assertThat(losses.within(stopped, Duration.ofSeconds(15)))
                    .startsWith("the database has not confirmed the run lock of " + TENANT + " for ");
            assertThat(timed(lock::close)).as("releasing it gives up quickly").isLessThan(Duration.ofSeconds(10));
        }
        assertThat(losses.reasons).hasSize(1);
    }

    @Test
    @SystemTest
    void aHungDatabaseIsReportedWithinSecondsAndNothingWaitsOnItForever() throws Exception {
        try (VanishingPostgres postgres = new VanishingPostgres(dir.resolve("pg"));
                LockDatabase db = new LockDatabase(postgres.jdbcUrl())) {
            HeldRunLock lock = db.lock(DEFAULT_STALE_AFTER).acquire(TENANT, losses);
            long hung = System.nanoTime();
            postgres.hang();

            assertThat(losses.within(hung, Duration.ofSeconds(15)))
                    .startsWith("the database has not confirmed the run lock of " + TENANT + " for ");
            assertThat(timed(lock::close)).as("releasing it gives up").isLessThan(Duration.ofSeconds(15));
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (heartbeatThreads() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(heartbeatThreads()).as("no heartbeat thread is left blocked on the hung server").isZero();
        }
        assertThat(losses.reasons).hasSize(1);
    }

    @Test
    void releasingIsNotHeldUpByATransactionStuckOnTheLockRow() throws Exception {
        String url = TestDatabases.postgres();
        try (LockDatabase db = new LockDatabase(url); Connection stuck = TestDatabases.connect(url)) {
            HeldRunLock lock = db.lock(DEFAULT_STALE_AFTER).acquire(TENANT, losses);
            stuck.setAutoCommit(false);
            try (Statement statement = stuck.createStatement()) {
                statement.executeQuery("SELECT * FROM run_lock FOR UPDATE").close();
            }
            try {
                CompletableFuture<Duration> closing = CompletableFuture.supplyAsync(() -> timed(lock::close));

                assertThat(closing.get(20, TimeUnit.SECONDS)).isLessThan(Duration.ofSeconds(15));
            } finally {
                stuck.rollback();
            }
        }
    }

    private static OffsetDateTime heartbeat(LockDatabase db) {
        return db.jdbc.sql("SELECT heartbeat_at FROM run_lock WHERE tenant = ?").param(TENANT)
                .query(OffsetDateTime.class).single();
    }

    private static List<String> holders(LockDatabase db) {
        return db.jdbc.sql("SELECT holder FROM run_lock").query(String.class).list();
    }

    private static long heartbeatThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("run-lock-heartbeat")).count();
    }

    private static Duration timed(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** What a run would be told, and when. */
    static final class Losses implements Consumer<String> {

        final List<String> reasons = new CopyOnWriteArrayList<>();
        private final CompletableFuture<Long> first = new CompletableFuture<>();

        @Override
        public void accept(String reason) {
            reasons.add(reason);
            first.complete(System.nanoTime());
        }

        /** The first reason, asserting it came within {@code limit} of {@code since} (a System.nanoTime()). */
        String within(long since, Duration limit) throws Exception {
            long at = first.get(limit.toMillis() + 1000, TimeUnit.MILLISECONDS);
            assertThat(Duration.ofNanos(at - since)).isLessThan(limit);
            return reasons.get(0);
        }
    }
}
