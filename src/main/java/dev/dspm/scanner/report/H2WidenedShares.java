package dev.dspm.scanner.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.dspm.scanner.snapshot.RunTables;

/**
 * The widened shares on H2, which joins only by looking each row up: a lookup of every one of tonight's shares in the
 * previous snapshot's key read a row at a random place of the compressed file for each, 23-28 s at a million shares
 * (for no widened share at all). Instead both snapshots are read as they are stored. The previous night's OWNER and
 * TEAM_ONLY shares go into {@link UidRanks} by their uid's hash; tonight's TEAM_ONLY and PUBLIC shares wider than
 * their hash's rank are the candidates, written to a temporary table; a join of the candidates alone by the key then
 * checks each against the previous snapshot (a hash shared by two uids) and sorts them. Past {@code slice} previous
 * shares the hashes are taken a slice at a time, each slice one read of both snapshots, so that the heap holds at most
 * a slice's table (38 MB for the default's two million).
 */
final class H2WidenedShares {

    static final int SLICE = 2_000_000;
    private static final int BATCH = 1_000;

    private final JdbcTemplate jdbc;
    private final int slice;

    H2WidenedShares(JdbcTemplate jdbc, int slice) {
        this.jdbc = jdbc;
        this.slice = slice;
    }

    /** In the report's transaction, which the temporary table lives as long as. */
    void forEach(long runId, long previousRun, Consumer<Changes.WidenedShare> each) {
        String previous = RunTables.name(previousRun);
        Long rows = jdbc.queryForObject("SELECT COUNT(*) FROM " + previous, Long.class);
        int slices = (int) Math.max(1, (rows + slice - 1) / slice);
        jdbc.execute("CREATE LOCAL TEMPORARY TABLE " + WidenedShares.TABLE + " (uid VARCHAR NOT NULL, "
                + "asset_type VARCHAR, asset_name VARCHAR, owner_id VARCHAR, permission VARCHAR(20), scope_rank INT) "
                + "ON COMMIT DROP TRANSACTIONAL");
        for (int s = 0; s < slices; s++) {
            candidates(runId, previousRun, slices, s, (int) Math.min(rows / slices + 1, slice));
        }
        jdbc.query("SELECT w.uid, w.asset_type, w.asset_name, w.owner_id, p.permission, w.permission FROM "
                + WidenedShares.TABLE + " w JOIN " + previous + " p ON p.run_id = " + previousRun + " AND p.uid = w.uid WHERE "
                + WidenedShares.rank("p") + " > 0 AND w.scope_rank > " + WidenedShares.rank("p")
                + " ORDER BY w.scope_rank DESC, w.uid", rs -> {
                    each.accept(WidenedShares.ROW.mapRow(rs, 0));
                });
    }

    /** Tonight's shares of one slice wider than their hash's rank the night before, into the temporary table. */
    private void candidates(long runId, long previousRun, int slices, int s, int expected) {
        UidRanks before = new UidRanks(expected);
        jdbc.query("SELECT uid, permission FROM " + RunTables.name(previousRun) + " WHERE run_id = " + previousRun
                + " AND permission IN ('OWNER', 'TEAM_ONLY')", rs -> {
                    long hash = UidRanks.hash(rs.getString(1));
                    if (slice(hash, slices) == s) {
                        before.put(hash, rank(rs.getString(2)));
                    }
                });
        List<Object[]> batch = new ArrayList<>(BATCH);
        String insert = "INSERT INTO " + WidenedShares.TABLE + " VALUES (?, ?, ?, ?, ?, ?)";
        jdbc.query("SELECT uid, asset_type, asset_name, owner_id, permission FROM " + RunTables.name(runId)
                + " WHERE run_id = " + runId + " AND permission IN ('TEAM_ONLY', 'PUBLIC')", rs -> {
                    // a uid of another slice is not in the table: 0
                    int was = before.get(UidRanks.hash(rs.getString(1)));
                    int now = rank(rs.getString(5));
                    if (was > 0 && now > was) {
                        batch.add(new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), now});
                        if (batch.size() == BATCH) {
                            jdbc.batchUpdate(insert, batch);
                            batch.clear();
                        }
                    }
                });
        if (!batch.isEmpty()) {
            jdbc.batchUpdate(insert, batch);
        }
    }

    /** A slice by the hash's high bits; {@link UidRanks} places by the low ones. */
    private static int slice(long hash, int slices) {
        return (int) ((hash >>> 33) % slices);
    }

    /** As {@link WidenedShares#rank(String)}'s SQL. */
    static int rank(String permission) {
        return switch (permission) {
            case "OWNER" -> 1;
            case "TEAM_ONLY" -> 2;
            case "PUBLIC" -> 3;
            default -> 0;
        };
    }
}
