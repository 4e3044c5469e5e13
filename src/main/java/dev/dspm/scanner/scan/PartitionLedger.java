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

    /**
     * Adds a chunk's cost to the partition's, and its pass's totals: a chunk that starts a new pass (the
     * partition is read again) replaces the earlier pass's totals instead of adding to them. Every
     * right-hand side reads the row as it was before this update.
     */
    void record(long runId, String key, PassTally tally) {
        jdbc.sql("""
                UPDATE scan_partition SET
                    shares_read = shares_read + ?,
                    pages = pages + ?,
                    throttled = throttled + ?,
                    total_changed = CASE WHEN pass < ? THEN ?
                        ELSE (total_changed OR ? OR (last_total IS NOT NULL AND last_total <> ?)) END,
                    first_total = CASE WHEN pass < ? THEN ? ELSE COALESCE(first_total, ?) END,
                    last_total = ?,
                    pass = ?
                WHERE run_id = ? AND partition_key = ?""")
                .params(tally.shares(), tally.pages(), tally.throttled(),
                        tally.pass(), tally.totalChanged(),
                        tally.totalChanged(), tally.firstTotal(),
                        tally.pass(), tally.firstTotal(), tally.firstTotal(),
                        tally.lastTotal(), tally.pass(), runId, key)
                .update();
    }

    /** The pass whose rows the run's table holds for this partition. */
    int pass(long runId, String key) {
        return jdbc.sql("SELECT pass FROM scan_partition WHERE run_id = ? AND partition_key = ?")
                .params(runId, key).query(Integer.class).single();
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
                       total_changed, finished, stored, complete, pass
                FROM scan_partition WHERE run_id = ? ORDER BY partition_key""")
                .param(runId)
                .query((rs, n) -> new PartitionRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getLong(5), rs.getInt(6), rs.getObject(7, Long.class), rs.getObject(8, Long.class),
                        rs.getBoolean(9), rs.getBoolean(10), rs.getObject(11, Long.class), rs.getObject(12, Boolean.class),
                        rs.getInt(13)))
                .list();
    }
}
