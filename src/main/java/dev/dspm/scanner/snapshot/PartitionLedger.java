package dev.dspm.scanner.snapshot;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code scan_partition} table: per partition, what the API promised and what was stored. */
@Component
public class PartitionLedger {

    /** A partition as the scan plans it: its short key, its asset type (the enum name) and its owner (or null). */
    public record Planned(String key, String assetType, String ownerId) {
    }

    private final JdbcClient jdbc;

    public PartitionLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Idempotent, so a resumed run keeps the counts its finished chunks already committed. */
    public void plan(long runId, List<Planned> partitions) {
        for (Planned partition : partitions) {
            int exists = jdbc.sql("SELECT COUNT(*) FROM scan_partition WHERE run_id = ? AND partition_key = ?")
                    .params(runId, partition.key()).query(Integer.class).single();
            if (exists == 0) {
                jdbc.sql("INSERT INTO scan_partition (run_id, partition_key, asset_type, owner_id) VALUES (?, ?, ?, ?)")
                        .params(runId, partition.key(), partition.assetType(), partition.ownerId()).update();
            }
        }
    }

    /**
     * Adds a chunk's cost to the partition's, and its pass's totals: a chunk that starts a new pass (the
     * partition is read again) replaces the earlier pass's totals instead of adding to them. Every
     * right-hand side reads the row as it was before this update.
     */
    public void record(long runId, String key, PassTally tally) {
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
    public int pass(long runId, String key) {
        return jdbc.sql("SELECT pass FROM scan_partition WHERE run_id = ? AND partition_key = ?")
                .params(runId, key).query(Integer.class).single();
    }

    public void finish(long runId, String key) {
        finish(runId, key, null);
    }

    /** @param cutShort why paging stopped before the listing's end (it reached a bound), or null when it did not */
    public void finish(long runId, String key, String cutShort) {
        jdbc.sql("UPDATE scan_partition SET finished = TRUE, cut_short = ? WHERE run_id = ? AND partition_key = ?")
                .params(cutShort, runId, key).update();
    }

    void judge(long runId, String key, long stored, boolean complete) {
        jdbc.sql("UPDATE scan_partition SET stored = ?, complete = ? WHERE run_id = ? AND partition_key = ?")
                .params(stored, complete, runId, key).update();
    }

    public List<PartitionRecord> partitions(long runId) {
        return jdbc.sql("""
                SELECT partition_key, asset_type, owner_id, pages, shares_read, throttled, first_total, last_total,
                       total_changed, finished, stored, complete, pass, cut_short
                FROM scan_partition WHERE run_id = ? ORDER BY partition_key""")
                .param(runId)
                .query((rs, n) -> new PartitionRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getLong(5), rs.getInt(6), rs.getObject(7, Long.class), rs.getObject(8, Long.class),
                        rs.getBoolean(9), rs.getBoolean(10), rs.getObject(11, Long.class), rs.getObject(12, Boolean.class),
                        rs.getInt(13), rs.getString(14)))
                .list();
    }

    /** The run's asset types, in name order; a partition sealed without a count stored what it read. */
    public List<TypeTotal> types(long runId) {
        return jdbc.sql("""
                SELECT asset_type, SUM(COALESCE(stored, shares_read)), SUM(last_total), COUNT(last_total), COUNT(*),
                       COUNT(complete), SUM(CASE WHEN complete THEN 1 ELSE 0 END)
                FROM scan_partition WHERE run_id = ? GROUP BY asset_type ORDER BY asset_type""")
                .param(runId)
                .query((rs, n) -> {
                    long partitions = rs.getLong(5);
                    Boolean complete = rs.getLong(6) < partitions ? null : rs.getLong(7) == partitions;
                    return new TypeTotal(rs.getString(1), rs.getLong(2), rs.getLong(4) < partitions ? null : rs.getLong(3),
                            complete);
                })
                .list();
    }
}
