package dev.dspm.scanner.scan;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.dspm.scanner.manus.Asset;
import dev.dspm.scanner.manus.ShareScope;

/**
 * H2: a batched INSERT per chunk, the common case (every share new to this run). When a uid is already
 * stored (offset drift repeated a row) the same chunk is written again with {@code MERGE ... KEY}, which
 * overwrites: H2 keeps the batch's other rows, and MERGE makes the chunk whole whichever of them landed.
 */
class MergeSnapshotStore implements SnapshotStore {

    private static final String INSERT = "INSERT INTO share_snapshot (" + COLUMNS + ") "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String MERGE = "MERGE INTO share_snapshot (" + COLUMNS + ") KEY (run_id, uid) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;

    MergeSnapshotStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void upsert(long runId, List<? extends Asset> assets) {
        List<Asset> rows = SnapshotStore.lastPerUid(assets);
        try {
            jdbc.batchUpdate(INSERT, rows, rows.size(), (statement, asset) -> bind(statement, runId, asset));
        } catch (DuplicateKeyException repeated) {
            jdbc.batchUpdate(MERGE, rows, rows.size(), (statement, asset) -> bind(statement, runId, asset));
        }
    }

    private static void bind(PreparedStatement statement, long runId, Asset asset) throws SQLException {
        statement.setLong(1, runId);
        statement.setString(2, asset.uid());
        statement.setString(3, asset.assetType().name());
        statement.setString(4, asset.assetName());
        statement.setString(5, asset.assetId());
        setInstant(statement, 6, asset.sharedAt());
        setInstant(statement, 7, asset.lastOperatedAt());
        statement.setString(8, asset.ownerId());
        statement.setString(9, asset.sessionId());
        statement.setObject(10, asset.assetExists(), Types.BOOLEAN);
        statement.setString(11, name(asset.permission()));
        statement.setString(12, asset.permissionRaw());
        statement.setString(13, name(asset.maxPermission()));
        statement.setString(14, asset.maxPermissionRaw());
        statement.setString(15, asset.rawJson());
    }

    private static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setTimestamp(index, instant == null ? null : Timestamp.from(instant));
    }

    static String name(ShareScope scope) {
        return scope == null ? null : scope.name();
    }
}
