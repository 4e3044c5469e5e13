package dev.dspm.scanner.scan;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One run per tenant at a time, held in the database every replica shares. Times are the database's
 * own clock, so pods with skewed clocks still agree on when a heartbeat went stale.
 */
@Component
class RunLock {

    private static final Logger log = LoggerFactory.getLogger(RunLock.class);

    private final JdbcClient jdbc;
    private final Duration staleAfter;
    private final String holder = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

    RunLock(JdbcClient jdbc, ScanSettings settings) {
        this.jdbc = jdbc;
        this.staleAfter = settings.lockStaleAfter();
    }

    /** Takes the tenant's lock, or says who holds it; the returned handle heartbeats until closed. */
    Held acquire(String tenant) {
        Timestamp now = databaseNow();
        try {
            jdbc.sql("INSERT INTO run_lock (tenant, holder, acquired_at, heartbeat_at) VALUES (?, ?, ?, ?)")
                    .params(tenant, holder, now, now).update();
            return new Held(tenant);
        } catch (DuplicateKeyException held) {
            return takeOverIfStale(tenant, now);
        }
    }

    private Held takeOverIfStale(String tenant, Timestamp now) {
        Timestamp cutoff = Timestamp.from(now.toInstant().minus(staleAfter));
        Optional<String> previous = jdbc.sql("SELECT holder FROM run_lock WHERE tenant = ? AND heartbeat_at < ?")
                .params(tenant, cutoff).query(String.class).optional();
        int taken = previous.isEmpty() ? 0
                : jdbc.sql("UPDATE run_lock SET holder = ?, acquired_at = ?, heartbeat_at = ? "
                        + "WHERE tenant = ? AND holder = ? AND heartbeat_at < ?")
                        .params(holder, now, now, tenant, previous.get(), cutoff).update();
        if (taken == 0) {
            throw new RunInProgressException("another run for " + tenant + " is in progress (its heartbeat is fresher than "
                    + "dspm.lock.stale-after=" + staleAfter + "); this one stops without scanning");
        }
        log.warn("took over the lock of {} from {}, whose heartbeat stopped over {} ago", tenant, previous.get(), staleAfter);
        return new Held(tenant);
    }

    private Timestamp databaseNow() {
        return jdbc.sql("SELECT CURRENT_TIMESTAMP").query(Timestamp.class).single();
    }

    /** The lock while it is held: heartbeats at a quarter of the stale time, released on close. */
    final class Held implements AutoCloseable {

        private final String tenant;
        private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "run-lock-heartbeat");
            thread.setDaemon(true);
            return thread;
        });

        private Held(String tenant) {
            this.tenant = tenant;
            long period = Math.max(1, staleAfter.toMillis() / 4);
            heartbeat.scheduleAtFixedRate(this::beat, period, period, TimeUnit.MILLISECONDS);
        }

        private void beat() {
            try {
                jdbc.sql("UPDATE run_lock SET heartbeat_at = ? WHERE tenant = ? AND holder = ?")
                        .params(databaseNow(), tenant, holder).update();
            } catch (RuntimeException e) {
                log.warn("could not refresh the run lock's heartbeat: {}", e.getMessage());
            }
        }

        @Override
        public void close() {
            heartbeat.shutdownNow();
            jdbc.sql("DELETE FROM run_lock WHERE tenant = ? AND holder = ?").params(tenant, holder).update();
        }
    }
}
