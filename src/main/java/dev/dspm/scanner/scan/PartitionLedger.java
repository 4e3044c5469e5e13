package dev.dspm.scanner.scan;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code scan_partition} table: per partition, what the API promised and what was stored. */
@Component
class PartitionLedger {

    private final JdbcClient jdbc;

    PartitionLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Idempotent, so a resumed run keeps the counts its finished chunks already committed. */
    void plan(long runId, List<ScanPartition> partitions) {
        for (ScanPartition partition : partitions) {
            int exists = jdbc.sql("SELECT COUNT(*) FROM scan_partition WHERE run_id = ? AND partition_key = ?")
                    .params(runId, partition.key()).query(Integer.class).single();
            if (exists == 0) {
                jdbc.sql("INSERT INTO scan_partition (run_id, partition_key, asset_type, owner_id) VALUES (?, ?, ?, ?)")
                        .params(runId, partition.key(), partition.assetType().name(), partition.ownerId()).update();
            }
        }
    }

    void record(long runId, String key, int shares, PageTally.Drained pages) {
        if (pages == null) {
            jdbc.sql("UPDATE scan_partition SET shares_read = shares_read + ? WHERE run_id = ? AND partition_key = ?")
                    .params(shares, runId, key).update();
            return;
        }
        jdbc.sql("""
                UPDATE scan_partition SET
                    shares_read = shares_read + ?,
                    pages = pages + ?,
                    throttled = throttled + ?,
                    total_changed = (total_changed OR ? OR (last_total IS NOT NULL AND last_total <> ?)),
                    first_total = COALESCE(first_total, ?),
                    last_total = ?
                WHERE run_id = ? AND partition_key = ?""")
                .params(shares, pages.pages(), pages.throttled(), pages.totalChanged(), pages.firstTotal(),
                        pages.firstTotal(), pages.lastTotal(), runId, key)
                .update();
    }

    void finish(long runId, String key) {
        jdbc.sql("UPDATE scan_partition SET finished = TRUE WHERE run_id = ? AND partition_key = ?")
                .params(runId, key).update();
    }

    void judge(long runId, String key, long stored, boolean complete) {
        jdbc.sql("UPDATE scan_partition SET stored = ?, complete = ? WHERE run_id = ? AND partition_key = ?")
                .params(stored, complete, runId, key).update();
    }

    List<PartitionRecord> partitions(long runId) {
        return jdbc.sql("""
                SELECT partition_key, asset_type, owner_id, pages, shares_read, throttled, first_total, last_total,
                       total_changed, finished, stored, complete
                FROM scan_partition WHERE run_id = ? ORDER BY partition_key""")
                .param(runId)
                .query((rs, n) -> new PartitionRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getLong(5), rs.getInt(6), rs.getObject(7, Long.class), rs.getObject(8, Long.class),
                        rs.getBoolean(9), rs.getBoolean(10), rs.getObject(11, Long.class), rs.getObject(12, Boolean.class)))
                .list();
    }
}
