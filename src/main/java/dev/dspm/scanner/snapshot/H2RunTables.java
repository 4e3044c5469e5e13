package dev.dspm.scanner.snapshot;

import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * H2: a plain table per run, and {@code share_snapshot} a view over the sealed runs' tables, rebuilt
 * whenever one is sealed or dropped. H2 commits each DDL statement on its own, so every step here is
 * idempotent and the run is marked sealed only after the last one: a crash mid-seal is sealed again.
 */
class H2RunTables extends RunTables {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String NO_RUNS = "SELECT CAST(NULL AS BIGINT) run_id, CAST(NULL AS VARCHAR) uid, "
            + "CAST(NULL AS VARCHAR(100)) asset_type, CAST(NULL AS VARCHAR) asset_name, CAST(NULL AS VARCHAR) asset_id, "
            + "CAST(NULL AS TIMESTAMP WITH TIME ZONE) shared_at, CAST(NULL AS TIMESTAMP WITH TIME ZONE) last_operated_at, "
            + "CAST(NULL AS VARCHAR) owner_id, CAST(NULL AS VARCHAR) session_id, CAST(NULL AS BOOLEAN) asset_exists, "
            + "CAST(NULL AS VARCHAR(20)) permission, CAST(NULL AS VARCHAR) permission_raw, "
            + "CAST(NULL AS VARCHAR(20)) max_permission, CAST(NULL AS VARCHAR) max_permission_raw, "
            + "CAST(NULL AS VARCHAR) raw_json, CAST(NULL AS BIGINT) read_seq WHERE FALSE";

    H2RunTables(JdbcTemplate jdbc) {
        super(jdbc);
    }

    @Override
    public void create(long runId) {
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + name(runId) + " (run_id BIGINT NOT NULL, uid VARCHAR NOT NULL, "
                + "asset_type VARCHAR(100) NOT NULL, asset_name VARCHAR, asset_id VARCHAR, "
                + "shared_at TIMESTAMP WITH TIME ZONE, last_operated_at TIMESTAMP WITH TIME ZONE, owner_id VARCHAR, "
                + "session_id VARCHAR, asset_exists BOOLEAN, permission VARCHAR(20), permission_raw VARCHAR, "
                + "max_permission VARCHAR(20), max_permission_raw VARCHAR, raw_json VARCHAR NOT NULL, read_seq BIGINT NOT NULL)");
    }

    @Override
    public boolean addKey(long runId) {
        if (hasKey(runId)) {
            return true;
        }
        try {
            jdbc.execute("ALTER TABLE " + name(runId) + " ADD CONSTRAINT " + name(runId) + "_pkey PRIMARY KEY (uid)");
            return true;
        } catch (DataIntegrityViolationException e) {
            if (e.getMostSpecificCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public int removeRepeats(long runId) {
        String table = name(runId);
        return jdbc.update("DELETE FROM " + table + " WHERE _ROWID_ IN (SELECT r FROM (SELECT _ROWID_ AS r, "
                + "ROW_NUMBER() OVER (PARTITION BY uid ORDER BY read_seq DESC, _ROWID_ DESC) AS copy FROM " + table
                + " WHERE uid IN (SELECT uid FROM " + table + " GROUP BY uid HAVING COUNT(*) > 1)) ranked WHERE copy > 1)");
    }

    @Override
    public void publish(long runId) {
        rebuildView(-1);
    }

    @Override
    public void drop(long runId) {
        rebuildView(runId);
        jdbc.execute("DROP TABLE IF EXISTS " + name(runId));
    }

    /** The view over every sealed run's table but {@code leaving}'s; an empty one before the first seal. */
    private void rebuildView(long leaving) {
        List<Long> sealed = jdbc.queryForList("SELECT r.run_id FROM scan_run r WHERE r.sealed_at IS NOT NULL AND r.run_id <> ? "
                + "AND EXISTS (SELECT 1 FROM information_schema.tables t WHERE LOWER(t.table_name) = CONCAT('share_snapshot_', r.run_id)) "
                + "ORDER BY r.run_id", Long.class, leaving);
        String body = sealed.isEmpty() ? NO_RUNS
                : sealed.stream().map(run -> "SELECT " + SnapshotStore.COLUMNS + " FROM " + name(run))
                        .collect(Collectors.joining(" UNION ALL "));
        jdbc.execute("CREATE OR REPLACE VIEW share_snapshot AS " + body);
    }
}
