package dev.dspm.scanner.snapshot;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each run's own snapshot table, {@code share_snapshot_<run_id>}: created empty and unindexed when the run
 * begins, sealed once after the scan (repeated uids removed, primary key built, published to readers),
 * dropped whole by retention. What differs between PostgreSQL and H2 is in the two subclasses.
 */
public abstract class RunTables {

    protected final JdbcTemplate jdbc;

    RunTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The run's own snapshot table, read directly by the evaluation (no view between it and the rows). */
    public static String name(long runId) {
        return "share_snapshot_" + runId;
    }

    /** Creates the run's empty table unless a resumed run already has it. */
    public abstract void create(long runId);

    /** Builds the primary key in one pass; false, with nothing changed, when a uid is stored twice. */
    public abstract boolean addKey(long runId);

    /** Removes every copy of a repeated uid but the one read last (largest read_seq); returns how many. */
    public abstract int removeRepeats(long runId);

    /** Makes a sealed run's table visible through {@code share_snapshot}. */
    public abstract void publish(long runId);

    /** Drops the run's table, and with it every row of the run. */
    public abstract void drop(long runId);

    /** A partition read again replaces what its earlier read stored. */
    public void clear(long runId, PartitionLedger.Planned partition) {
        if (partition.ownerId() == null) {
            jdbc.update("DELETE FROM " + name(runId) + " WHERE asset_type = ?", partition.assetType());
        } else {
            jdbc.update("DELETE FROM " + name(runId) + " WHERE asset_type = ? AND owner_id = ?",
                    partition.assetType(), partition.ownerId());
        }
    }

    boolean hasKey(long runId) {
        Integer keys = jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.table_constraints "
                + "WHERE LOWER(table_name) = ? AND constraint_type = 'PRIMARY KEY'", Integer.class, name(runId));
        return keys != null && keys > 0;
    }

    /**
     * Stored rows per asset type, or per (asset type, owner) for an owner-scoped run, in one pass over the
     * table. Grouping a whole tenant by owner too would hash tens of thousands of groups for nothing.
     */
    List<StoredCount> count(long runId, boolean byOwner) {
        String sql = byOwner
                ? "SELECT asset_type, owner_id, COUNT(*) FROM " + name(runId) + " GROUP BY asset_type, owner_id"
                : "SELECT asset_type, NULL, COUNT(*) FROM " + name(runId) + " GROUP BY asset_type";
        return jdbc.query(sql, (rs, n) -> new StoredCount(rs.getString(1), rs.getString(2), rs.getLong(3)));
    }

    record StoredCount(String assetType, String ownerId, long rows) {

        boolean belongsTo(PartitionRecord partition) {
            return assetType.equals(partition.assetType())
                    && (partition.ownerId() == null || partition.ownerId().equals(ownerId));
        }
    }
}
