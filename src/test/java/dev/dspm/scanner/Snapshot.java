package dev.dspm.scanner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.dspm.scanner.simulator.ListedShare;
import dev.dspm.scanner.simulator.SimulatedTenant;

/** Reads what the job stored, in the simulator's own terms, so a test compares field by field. */
public final class Snapshot {

    private Snapshot() {
    }

    public static long latestRun(String jdbcUrl) throws SQLException {
        return single(jdbcUrl, "SELECT MAX(run_id) FROM scan_run");
    }

    public static long single(String jdbcUrl, String sql, Object... params) throws SQLException {
        try (Connection connection = TestDatabases.connect(jdbcUrl);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** The one text value a query gives. */
    public static String text(String jdbcUrl, String sql, Object... params) throws SQLException {
        try (Connection connection = TestDatabases.connect(jdbcUrl);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    /** Every stored share of a run as the API showed it, sorted by uid. */
    public static List<ListedShare> shares(String jdbcUrl, long runId) throws SQLException {
        List<ListedShare> shares = new ArrayList<>();
        try (Connection connection = TestDatabases.connect(jdbcUrl);
                PreparedStatement statement = connection.prepareStatement("""
                        SELECT uid, asset_type, asset_name, asset_id, shared_at, last_operated_at, owner_id, session_id,
                               asset_exists, permission_raw, max_permission_raw
                        FROM share_snapshot WHERE run_id = ? ORDER BY uid""")) {
            statement.setLong(1, runId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    shares.add(new ListedShare(rows.getString(1), "ASSET_TYPE_" + rows.getString(2), rows.getString(3),
                            rows.getString(4), instant(rows, 5), instant(rows, 6), rows.getString(7), rows.getString(8),
                            rows.getBoolean(9), rows.getString(10), rows.getString(11)));
                }
            }
        }
        return shares;
    }

    /** What the simulator's tenant lists right now for the given types, sorted by uid. */
    public static List<ListedShare> expected(SimulatedTenant tenant, List<String> wireTypes) {
        return wireTypes.stream().flatMap(type -> tenant.listed(type).stream())
                .sorted(Comparator.comparing(ListedShare::uid)).toList();
    }

    private static String instant(ResultSet rows, int column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant().toString();
    }
}
