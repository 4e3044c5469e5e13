package dev.dspm.scanner.snapshot;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.dspm.scanner.manus.Asset;

/** H2: one batched INSERT per chunk into the run's unindexed table. */
class InsertSnapshotStore implements SnapshotStore {

    private final JdbcTemplate jdbc;

    InsertSnapshotStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void append(long runId, List<ListedPage> pages) {
        List<Row> rows = new ArrayList<>();
        for (ListedPage page : pages) {
            List<Asset> assets = page.page().assets();
            for (int i = 0; i < assets.size(); i++) {
                rows.add(new Row(SnapshotStore.keyed(assets.get(i)), page.readSeq(i)));
            }
        }
        jdbc.batchUpdate("INSERT INTO " + RunTables.name(runId) + " (" + COLUMNS + ") "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows, rows.size(),
                (statement, row) -> bind(statement, runId, row));
    }

    private static void bind(PreparedStatement statement, long runId, Row row) throws SQLException {
        Asset asset = row.asset();
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
        statement.setString(11, SnapshotStore.name(asset.permission()));
        statement.setString(12, asset.permissionRaw());
        statement.setString(13, SnapshotStore.name(asset.maxPermission()));
        statement.setString(14, asset.maxPermissionRaw());
        statement.setString(15, asset.rawJson());
        statement.setLong(16, row.readSeq());
    }

    private static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setTimestamp(index, instant == null ? null : Timestamp.from(instant));
    }

    private record Row(Asset asset, long readSeq) {
    }
}
