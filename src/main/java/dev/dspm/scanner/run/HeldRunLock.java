package dev.dspm.scanner.run;

import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A run lock while it is held. One thread beats; a second watches the beats and does not depend on a
 * JDBC call returning, since a call to a hung server can block for as long as the socket stays open.
 * Either one ends the lock by calling {@code onLost} once; after that, and after close, nothing beats.
 */
final class HeldRunLock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HeldRunLock.class);

    private final JdbcClient jdbc;
    private final String tenant;
    private final String holder;
    private final LockTiming timing;
    private final Consumer<String> onLost;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final ScheduledThreadPoolExecutor threads = new ScheduledThreadPoolExecutor(2, runnable -> {
        Thread thread = new Thread(runnable, "run-lock-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long confirmedAt = System.nanoTime();
    private volatile String lastFailure;

    HeldRunLock(JdbcClient jdbc, String tenant, String holder, LockTiming timing, Consumer<String> onLost) {
        this.jdbc = jdbc;
        this.tenant = tenant;
        this.holder = holder;
        this.timing = timing;
        this.onLost = onLost;
        long period = timing.period().toNanos();
        threads.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.NANOSECONDS);
        threads.scheduleAtFixedRate(this::watch, period, period, TimeUnit.NANOSECONDS);
    }

    private void beat() {
        try {
            int refreshed = jdbc.sql("UPDATE run_lock SET heartbeat_at = CURRENT_TIMESTAMP WHERE tenant = ? AND holder = ?")
                    .params(tenant, holder).update();
            if (refreshed == 1) {
                confirmedAt = System.nanoTime();
                return;
            }
            Optional<String> now = jdbc.sql("SELECT holder FROM run_lock WHERE tenant = ?").param(tenant)
                    .query(String.class).optional();
            lose(now.map(other -> "the run lock of " + tenant + " was taken over by " + other)
                    .orElse("the run lock of " + tenant + " was deleted")
                    + "; this run must stop so that two runs never write one tenant");
        } catch (RuntimeException e) {
            // One failed beat is not a lost lock: the watchdog decides once the failures last.
            lastFailure = NestedExceptionUtils.getMostSpecificCause(e).getMessage();
            log.debug("the run lock's heartbeat failed", e);
        }
    }

    private void watch() {
        long silent = System.nanoTime() - confirmedAt;
        if (silent > timing.lostAfter().toNanos()) {
            String failure = lastFailure;
            lose("the database has not confirmed the run lock of " + tenant + " for "
                    + "%.1f s".formatted(silent / 1e9)
                    + (failure == null ? " (no answer yet)" : " (last error: " + failure.replaceAll("\\s+", " ") + ")")
                    + "; this run must stop before another takes the lock over");
        }
    }

    private void lose(String reason) {
        if (ended.compareAndSet(false, true)) {
            // shutdown, not shutdownNow: an interrupt during H2's file I/O closes the database.
            threads.shutdown();
            onLost.accept(reason);
        }
    }

    /** Releases the lock if it is still ours; bounded like every lock statement, so never hangs. */
    @Override
    public void close() {
        ended.set(true);
        threads.shutdown();
        try {
            jdbc.sql("DELETE FROM run_lock WHERE tenant = ? AND holder = ?").params(tenant, holder).update();
        } catch (RuntimeException e) {
            log.warn("could not release the run lock of {} ({}); the next run on this host takes it over at once, "
                    + "one elsewhere once its heartbeat is older than {}", tenant,
                    NestedExceptionUtils.getMostSpecificCause(e).getMessage(), timing.staleAfter());
        }
    }
}
