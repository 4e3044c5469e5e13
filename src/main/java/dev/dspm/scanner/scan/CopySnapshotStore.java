package dev.dspm.scanner.scan;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.datasource.DataSourceUtils;

import dev.dspm.scanner.manus.Asset;

/**
 * PostgreSQL: each chunk is COPYed straight into the snapshot, several times faster than even rewritten
 * batched inserts. When a uid is already stored (offset drift repeated a row) the COPY fails on the
 * primary key; the chunk is then rolled back to a savepoint, COPYed into a session-local staging table
 * and merged with {@code INSERT ... ON CONFLICT (run_id, uid) DO UPDATE}.
 */
class CopySnapshotStore implements SnapshotStore {

    private static final String STAGE = "CREATE TEMP TABLE IF NOT EXISTS share_snapshot_stage "
            + "(LIKE share_snapshot INCLUDING DEFAULTS) ON COMMIT DELETE ROWS";
    private static final String COPY = "COPY share_snapshot (" + COLUMNS + ") FROM STDIN";
    private static final String COPY_STAGE = "COPY share_snapshot_stage (" + COLUMNS + ") FROM STDIN";
    private static final String UNIQUE_VIOLATION = "23505";
    /**
     * This chunk's commit does not wait for its WAL flush. A crash can then lose the newest chunks, but
     * only whole and in order, together with the job's restart state committed in the same transaction:
     * a resumed partition re-reads exactly what was lost. Nothing else is relaxed.
     */
    private static final String ASYNC_COMMIT = "SET LOCAL synchronous_commit = off";
    private static final String MERGE = "INSERT INTO share_snapshot (" + COLUMNS + ") SELECT " + COLUMNS
            + " FROM share_snapshot_stage ON CONFLICT (run_id, uid) DO UPDATE SET "
            + "asset_type = EXCLUDED.asset_type, asset_name = EXCLUDED.asset_name, asset_id = EXCLUDED.asset_id, "
            + "shared_at = EXCLUDED.shared_at, last_operated_at = EXCLUDED.last_operated_at, "
            + "owner_id = EXCLUDED.owner_id, session_id = EXCLUDED.session_id, asset_exists = EXCLUDED.asset_exists, "
            + "permission = EXCLUDED.permission, permission_raw = EXCLUDED.permission_raw, "
            + "max_permission = EXCLUDED.max_permission, max_permission_raw = EXCLUDED.max_permission_raw, "
            + "raw_json = EXCLUDED.raw_json";

    private final DataSource dataSource;

    CopySnapshotStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void upsert(long runId, List<? extends Asset> assets) {
        List<Asset> rows = SnapshotStore.lastPerUid(assets);
        // The chunk's transaction owns this connection: take it from Spring, never close it here.
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute(ASYNC_COMMIT);
            }
            Savepoint beforeCopy = connection.setSavepoint();
            try {
                copy(connection, COPY, runId, rows);
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                connection.rollback(beforeCopy);
                try (Statement statement = connection.createStatement()) {
                    statement.execute(STAGE);
                    copy(connection, COPY_STAGE, runId, rows);
                    statement.executeUpdate(MERGE);
                }
            }
        } catch (SQLException e) {
            throw new SnapshotWriteException("could not write " + rows.size() + " shares to PostgreSQL", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * Streams the rows one by one as UTF-8: a chunk rendered whole would be a multi-megabyte string, copied
     * twice more on its way to the socket, and each copy a humongous allocation for a small heap.
     */
    private static void copy(Connection connection, String sql, long runId, List<Asset> rows) throws SQLException {
        CopyIn copyIn = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            StringBuilder line = new StringBuilder(2048);
            for (Asset asset : rows) {
                line.setLength(0);
                row(line, runId, asset);
                byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
                copyIn.writeToCopy(bytes, 0, bytes.length);
            }
            copyIn.endCopy();
        } finally {
            if (copyIn.isActive()) {
                copyIn.cancelCopy();
            }
        }
    }

    private static void row(StringBuilder out, long runId, Asset asset) {
        out.append(runId);
        field(out, asset.uid());
        field(out, asset.assetType().name());
        field(out, asset.assetName());
        field(out, asset.assetId());
        field(out, instant(asset.sharedAt()));
        field(out, instant(asset.lastOperatedAt()));
        field(out, asset.ownerId());
        field(out, asset.sessionId());
        field(out, asset.assetExists() == null ? null : asset.assetExists() ? "t" : "f");
        field(out, MergeSnapshotStore.name(asset.permission()));
        field(out, asset.permissionRaw());
        field(out, MergeSnapshotStore.name(asset.maxPermission()));
        field(out, asset.maxPermissionRaw());
        field(out, asset.rawJson());
        out.append('\n');
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** COPY text format: tab-separated, \N for null, backslash escapes; PostgreSQL text cannot hold NUL. */
    private static void field(StringBuilder out, String value) {
        out.append('\t');
        if (value == null) {
            out.append("\\N");
            return;
        }
        int plain = 0;
        while (plain < value.length() && !special(value.charAt(plain))) {
            plain++;
        }
        out.append(value, 0, plain);
        for (int i = plain; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\0' -> out.append('\uFFFD');
                default -> out.append(c);
            }
        }
    }

    private static boolean special(char c) {
        return c == '\\' || c == '\t' || c == '\n' || c == '\r' || c == '\0';
    }
}
