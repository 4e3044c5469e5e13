package dev.dspm.scanner.snapshot;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * PostgreSQL: a run's table is a partition-to-be of {@code share_snapshot} (partitioned by run_id). Its
 * CHECK constraint lets ATTACH skip the validating scan; the seal runs in one transaction, so a crash
 * leaves the run exactly as unsealed as it was.
 */
class PostgresRunTables extends RunTables {

    private static final String UNIQUE_VIOLATION = "23505";
    /** Retention must not queue behind a long report query on share_snapshot and block others meanwhile. */
    private static final String DROP_LOCK_TIMEOUT = "SET LOCAL lock_timeout = '10s'";

    private final DataSource dataSource;

    PostgresRunTables(DataSource dataSource) {
        super(new JdbcTemplate(dataSource));
        this.dataSource = dataSource;
    }

    /**
     * Autovacuum is off for a run's table: it would only re-read a table being loaded, and a table written
     * once and never changed needs no vacuum until anti-wraparound (which PostgreSQL runs regardless). Left
     * on, it also held up the drop of a freshly sealed run: a drop waits deadlock_timeout (1 s) before
     * autovacuum yields its lock.
     */
    @Override
    public void create(long runId) {
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + name(runId) + " (LIKE share_snapshot INCLUDING DEFAULTS, "
                + "CONSTRAINT " + name(runId) + "_run CHECK (run_id = " + runId + ")) "
                + "WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false)");
    }

    @Override
    public boolean addKey(long runId) {
        if (hasKey(runId)) {
            return true;
        }
        // A failed statement aborts a PostgreSQL transaction: the seal's own goes on from a savepoint.
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            Savepoint beforeKey = connection.setSavepoint();
            try (Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE " + name(runId) + " ADD CONSTRAINT " + name(runId) + "_pkey PRIMARY KEY (run_id, uid)");
                return true;
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                connection.rollback(beforeKey);
                return false;
            }
        } catch (SQLException e) {
            throw new SnapshotWriteException("could not build the primary key of run " + runId, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    @Override
    public int removeRepeats(long runId) {
        String table = name(runId);
        return jdbc.update("DELETE FROM " + table + " t USING (SELECT ctid FROM (SELECT ctid, ROW_NUMBER() OVER "
                + "(PARTITION BY uid ORDER BY read_seq DESC, ctid DESC) AS copy FROM " + table + " WHERE uid IN "
                + "(SELECT uid FROM " + table + " GROUP BY uid HAVING COUNT(*) > 1)) ranked WHERE copy > 1) earlier "
                + "WHERE t.ctid = earlier.ctid");
    }

    /**
     * With autovacuum off, the run's table would never have statistics: planned as a few thousand rows, the report's
     * join of two nights' snapshots took twice as long (a bitmap scan into a hash table sized for a thousandth of them).
     * Taken once, as the table never changes after the seal.
     */
    @Override
    public void publish(long runId) {
        jdbc.execute("ANALYZE " + name(runId));
        jdbc.execute("ALTER TABLE share_snapshot ATTACH PARTITION " + name(runId) + " FOR VALUES IN (" + runId + ")");
    }

    @Override
    public void drop(long runId) {
        jdbc.execute(DROP_LOCK_TIMEOUT);
        jdbc.execute("DROP TABLE IF EXISTS " + name(runId));
    }
}
