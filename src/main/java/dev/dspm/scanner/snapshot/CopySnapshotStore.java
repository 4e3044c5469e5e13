package dev.dspm.scanner.snapshot;

import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

import dev.dspm.scanner.manus.Asset;

/** PostgreSQL: one binary COPY per chunk into the run's unindexed table. */
class CopySnapshotStore implements SnapshotStore {

    private static final int FIELDS = 16;

    private final DataSource dataSource;

    CopySnapshotStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void append(long runId, List<ListedPage> pages) {
        // Asynchronous commit: this chunk's commit does not wait for its WAL flush. A crash can then lose the newest
        // chunks, but only whole and in order, together with the job's restart state committed in the same
        // transaction: a resumed partition re-reads exactly what was lost. Nothing else is relaxed.
        try {
            BinaryCopy.copy(dataSource, "COPY " + RunTables.name(runId) + " (" + COLUMNS + ") FROM STDIN (FORMAT binary)",
                    true, rows -> {
                        for (ListedPage page : pages) {
                            List<Asset> assets = page.page().assets();
                            for (int i = 0; i < assets.size(); i++) {
                                row(rows, runId, SnapshotStore.keyed(assets.get(i)), page.readSeq(i));
                            }
                        }
                    });
        } catch (SQLException e) {
            throw new SnapshotWriteException("could not write a chunk of " + pages.size() + " pages to PostgreSQL", e);
        }
    }

    private static void row(BinaryCopy out, long runId, Asset asset, long readSeq) throws SQLException {
        out.row(FIELDS);
        out.bigint(runId);
        out.text(asset.uid());
        out.text(asset.assetType().name());
        out.text(asset.assetName());
        out.text(asset.assetId());
        out.timestamp(asset.sharedAt());
        out.timestamp(asset.lastOperatedAt());
        out.text(asset.ownerId());
        out.text(asset.sessionId());
        out.bool(asset.assetExists());
        out.text(SnapshotStore.name(asset.permission()));
        out.text(asset.permissionRaw());
        out.text(SnapshotStore.name(asset.maxPermission()));
        out.text(asset.maxPermissionRaw());
        out.text(asset.raw());
        out.bigint(readSeq);
    }
}
