package dev.dspm.scanner.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a finished (or killed) job left behind, read only through what stays stable while the job's storage
 * changes: Spring Batch's own step table, and the snapshot as a user queries it.
 */
final class JobReadout {

    private JobReadout() {
    }

    /** Seconds per step of the newest execution of the job, in start order; NaN for a step that never ended. */
    static Map<String, Double> steps(Connection connection) throws SQLException {
        Map<String, Double> steps = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        SELECT s.STEP_NAME, s.START_TIME, s.END_TIME FROM BATCH_STEP_EXECUTION s
                        JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID
                        JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                        WHERE e.JOB_EXECUTION_ID = (SELECT MAX(e2.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION e2
                            JOIN BATCH_JOB_INSTANCE i2 ON i2.JOB_INSTANCE_ID = e2.JOB_INSTANCE_ID WHERE i2.JOB_NAME = 'shareScan')
                        ORDER BY s.START_TIME, s.STEP_EXECUTION_ID""")) {
            while (rows.next()) {
                Timestamp start = rows.getTimestamp(2);
                Timestamp end = rows.getTimestamp(3);
                steps.put(rows.getString(1), end == null ? Double.NaN : (end.getTime() - start.getTime()) / 1e3);
            }
        }
        return steps;
    }

    /** The newest run's shares, counted the way a user reads the snapshot. */
    static long latestRunShares(Connection connection) throws SQLException {
        return count(connection, "SELECT COUNT(*) FROM share_snapshot WHERE run_id = (SELECT MAX(run_id) FROM scan_run)");
    }

    /** Every run's shares: after retention kept one run, the same figure as {@link #latestRunShares}. */
    static long allShares(Connection connection) throws SQLException {
        return count(connection, "SELECT COUNT(*) FROM share_snapshot");
    }

    static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet count = statement.executeQuery(sql)) {
            count.next();
            return count.getLong(1);
        }
    }
}
