package dev.dspm.scanner.snapshot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Flyway V6: earlier versions kept every run's rows in one table (renamed {@code share_snapshot_v2} by
 * V5). This moves each run's rows into a table of its own, seals the runs that had completed as the job
 * now seals them, and drops the old table, so no snapshot is lost on upgrade. Its SQL is written out here
 * rather than shared with the job, so that a later change to the job cannot change a migration.
 */
@Component
class V6__Snapshot_table_per_run extends BaseJavaMigration {

    private static final String COLUMNS = "run_id, uid, asset_type, asset_name, asset_id, shared_at, last_operated_at, "
            + "owner_id, session_id, asset_exists, permission, permission_raw, max_permission, max_permission_raw, raw_json";

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        boolean postgres = connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
        try (Statement sql = connection.createStatement()) {
            List<Long> sealed = new ArrayList<>();
            for (long runId : runs(sql)) {
                String table = "share_snapshot_" + runId;
                sql.execute(postgres
                        ? "CREATE TABLE " + table + " (LIKE share_snapshot INCLUDING DEFAULTS, CONSTRAINT " + table
                                + "_run CHECK (run_id = " + runId + "))"
                        : "CREATE TABLE " + table + " (run_id BIGINT NOT NULL, uid VARCHAR NOT NULL, "
                                + "asset_type VARCHAR(100) NOT NULL, asset_name VARCHAR, asset_id VARCHAR, "
                                + "shared_at TIMESTAMP WITH TIME ZONE, last_operated_at TIMESTAMP WITH TIME ZONE, "
                                + "owner_id VARCHAR, session_id VARCHAR, asset_exists BOOLEAN, permission VARCHAR(20), "
                                + "permission_raw VARCHAR, max_permission VARCHAR(20), max_permission_raw VARCHAR, "
                                + "raw_json VARCHAR NOT NULL, read_seq BIGINT NOT NULL)");
                sql.execute("INSERT INTO " + table + " (" + COLUMNS + ", read_seq) SELECT " + COLUMNS
                        + ", 0 FROM share_snapshot_v2 WHERE run_id = " + runId);
                if (completed(connection, runId)) {
                    // The old table's key already made uids unique: the key builds without a repeat.
                    sql.execute("ALTER TABLE " + table + " ADD CONSTRAINT " + table + "_pkey PRIMARY KEY "
                            + (postgres ? "(run_id, uid)" : "(uid)"));
                    if (postgres) {
                        sql.execute("ALTER TABLE share_snapshot ATTACH PARTITION " + table + " FOR VALUES IN (" + runId + ")");
                    }
                    sql.execute("UPDATE scan_run SET sealed_at = COALESCE(finished_at, started_at) WHERE run_id = " + runId);
                    sealed.add(runId);
                }
            }
            if (!postgres && !sealed.isEmpty()) {
                sql.execute("CREATE OR REPLACE VIEW share_snapshot AS " + sealed.stream()
                        .map(runId -> "SELECT " + COLUMNS + ", read_seq FROM share_snapshot_" + runId)
                        .collect(Collectors.joining(" UNION ALL ")));
            }
            if (!postgres && sealed.isEmpty()) {
                // The placeholder view V5 made reads the old table; it must not outlive it.
                sql.execute("CREATE OR REPLACE VIEW share_snapshot AS SELECT CAST(NULL AS BIGINT) run_id, "
                        + "CAST(NULL AS VARCHAR) uid, CAST(NULL AS VARCHAR(100)) asset_type, CAST(NULL AS VARCHAR) asset_name, "
                        + "CAST(NULL AS VARCHAR) asset_id, CAST(NULL AS TIMESTAMP WITH TIME ZONE) shared_at, "
                        + "CAST(NULL AS TIMESTAMP WITH TIME ZONE) last_operated_at, CAST(NULL AS VARCHAR) owner_id, "
                        + "CAST(NULL AS VARCHAR) session_id, CAST(NULL AS BOOLEAN) asset_exists, "
                        + "CAST(NULL AS VARCHAR(20)) permission, CAST(NULL AS VARCHAR) permission_raw, "
                        + "CAST(NULL AS VARCHAR(20)) max_permission, CAST(NULL AS VARCHAR) max_permission_raw, "
                        + "CAST(NULL AS VARCHAR) raw_json, CAST(NULL AS BIGINT) read_seq WHERE FALSE");
            }
            sql.execute("DROP TABLE share_snapshot_v2");
        }
    }

    /** Every recorded run, and any run whose rows outlived its record. */
    private static List<Long> runs(Statement sql) throws SQLException {
        List<Long> runs = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery("SELECT run_id FROM scan_run UNION SELECT DISTINCT run_id FROM share_snapshot_v2 "
                + "ORDER BY run_id")) {
            while (rows.next()) {
                runs.add(rows.getLong(1));
            }
        }
        return runs;
    }

    private static boolean completed(Connection connection, long runId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM scan_run WHERE run_id = ? AND status = 'COMPLETED'")) {
            query.setLong(1, runId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1) > 0;
            }
        }
    }
}
