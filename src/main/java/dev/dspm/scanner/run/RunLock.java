package dev.dspm.scanner.run;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
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
    private final LockTiming timing;

    RunLock(DataSource dataSource, LockSettings settings) {
        this.timing = LockTiming.of(settings.staleAfter());
        this.jdbc = bounded(dataSource, timing.lostAfter());
    }

    /**
     * Takes the tenant's lock, or says who holds it. The handle heartbeats until closed, and calls
     * {@code onLost} once, with a line for a person, if the lock is taken over, deleted, or cannot be
     * kept because the database stopped answering.
     */
    HeldRunLock acquire(String tenant, Consumer<String> onLost) {
        OffsetDateTime now = jdbc.sql("SELECT CURRENT_TIMESTAMP").query(OffsetDateTime.class).single();
        try {
            jdbc.sql("INSERT INTO run_lock (tenant, holder, acquired_at, heartbeat_at, stale_after_ms) VALUES (?, ?, ?, ?, ?)")
                    .params(tenant, LockHolder.SELF.toString(), now, now, timing.staleAfter().toMillis()).update();
        } catch (DuplicateKeyException held) {
            LockRow row = jdbc.sql("SELECT holder, heartbeat_at, stale_after_ms FROM run_lock WHERE tenant = ?").param(tenant)
                    .query((rs, n) -> new LockRow(rs.getString(1), rs.getObject(2, OffsetDateTime.class), (Long) rs.getObject(3)))
                    .optional()
                    .orElseThrow(() -> new RunInProgressException("another run for " + tenant
                            + " was releasing its lock at this very moment; this one stops without scanning"));
            takeOver(tenant, row, now);
        }
        return new HeldRunLock(jdbc, tenant, LockHolder.SELF.toString(), timing, onLost);
    }

    private void takeOver(String tenant, LockRow row, OffsetDateTime now) {
        Optional<String> gone = LockHolder.parse(row.holder()).flatMap(holder -> holder.goneAsSeenBy(LockHolder.SELF));
        Duration age = Duration.between(row.heartbeatAt(), now);
        // The longer of the two: a newcomer's own shorter setting must not declare a live run dead.
        Duration staleAfter = row.staleAfter().filter(theirs -> theirs.compareTo(timing.staleAfter()) > 0)
                .orElse(timing.staleAfter());
        if (gone.isEmpty() && age.compareTo(staleAfter) <= 0) {
            throw new RunInProgressException("another run for " + tenant + " is in progress (held by " + row.holder()
                    + ", heartbeat " + age.toSeconds() + " s ago; its lock is taken over after " + staleAfter
                    + " without one, the longer of its and this run's dspm.lock.stale-after); "
                    + "this one stops without scanning (another team behind the same URL needs a dspm.tenant of its own)");
        }
        int taken = jdbc.sql("UPDATE run_lock SET holder = ?, acquired_at = ?, heartbeat_at = ?, stale_after_ms = ? "
                + "WHERE tenant = ? AND holder = ? AND heartbeat_at = ?")
                .params(LockHolder.SELF.toString(), now, now, timing.staleAfter().toMillis(), tenant, row.holder(),
                        row.heartbeatAt())
                .update();
        if (taken == 0) {
            throw new RunInProgressException("another run for " + tenant + " beat or took its lock at the moment this "
                    + "one took it over; this one stops without scanning");
        }
        log.warn("took over the lock of {} from {}: {}", tenant, row.holder(),
                gone.orElse("its heartbeat stopped " + age.toSeconds() + " s ago, over " + staleAfter));
    }

    /**
     * Every lock statement gives up after {@code bound}: a socket timeout on its connection, since a call
     * to a PostgreSQL server that stopped answering otherwise waits as long as the socket stays open (a
     * query timeout would not help: its cancel request goes unanswered too). H2 runs in this process and
     * bounds its own lock waits. The job's own statements keep the pool's unbounded default.
     */
    private static JdbcClient bounded(DataSource dataSource, Duration bound) {
        return JdbcClient.create(new JdbcTemplate(dataSource) {
            @Override
            protected void applyStatementSettings(Statement statement) throws SQLException {
                super.applyStatementSettings(statement);
                statement.getConnection().setNetworkTimeout(Runnable::run, (int) bound.toMillis());
            }
        });
    }

    private record LockRow(String holder, OffsetDateTime heartbeatAt, Long staleAfterMillis) {
        Optional<Duration> staleAfter() {
            return Optional.ofNullable(staleAfterMillis).map(Duration::ofMillis);
        }
    }
}
