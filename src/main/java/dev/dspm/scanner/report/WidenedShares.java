package dev.dspm.scanner.report;

import java.util.Locale;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.snapshot.RunTables;
import dev.dspm.scanner.snapshot.SnapshotDatabase;

/**
 * Shares whose effective scope is wider tonight than in the previous run's snapshot (OWNER to TEAM_ONLY or
 * PUBLIC, TEAM_ONLY to PUBLIC): a share that went public overnight is news even when no policy flags it. Both
 * snapshots are joined on their keys. A scope this build does not know, before or after, is no evidence either way.
 *
 * <p>On PostgreSQL the join fills a temporary table, dropped with the report's transaction, which is then streamed. A
 * query streamed with a fetch size runs without parallel workers, and this one reads both nights' snapshots whole
 * (their raw JSON included): at a million shares 1.6-1.8 s streamed against 1.0-1.1 s into the table with two
 * workers, and 4.6 s streamed once the previous night's snapshot had left the cache. H2 has no join but by lookups,
 * hence {@link H2WidenedShares}.
 */
@Component
class WidenedShares {

    static final RowMapper<Changes.WidenedShare> ROW = (rs, n) -> new Changes.WidenedShare(rs.getString(1),
            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6));

    static final String TABLE = "widened_share";

    private final JdbcTemplate jdbc;
    private final H2WidenedShares h2;

    WidenedShares(JdbcTemplate jdbc, SnapshotDatabase database) {
        this.jdbc = jdbc;
        this.h2 = database == SnapshotDatabase.H2 ? new H2WidenedShares(jdbc, H2WidenedShares.SLICE) : null;
    }

    /** Within the report's transaction, which PostgreSQL's temporary table lives as long as. */
    void forEach(long runId, long previousRun, Consumer<Changes.WidenedShare> each) {
        if (!exists(previousRun)) {
            return;
        }
        if (h2 != null) {
            h2.forEach(runId, previousRun, each);
            return;
        }
        jdbc.execute("CREATE TEMPORARY TABLE " + TABLE + " ON COMMIT DROP AS SELECT c.uid, c.asset_type, c.asset_name, "
                + "c.owner_id, p.permission AS was, c.permission, " + rank("c") + " AS scope_rank FROM " + RunTables.name(runId)
                + " c JOIN " + RunTables.name(previousRun) + " p ON p.run_id = " + previousRun + " AND p.uid = c.uid WHERE "
                + "c.run_id = " + runId + " AND " + rank("p") + " > 0 AND " + rank("c") + " > " + rank("p"));
        jdbc.query("SELECT uid, asset_type, asset_name, owner_id, was, permission FROM " + TABLE
                + " ORDER BY scope_rank DESC, uid", rs -> {
                    each.accept(ROW.mapRow(rs, 0));
                });
    }

    /** Retention may have dropped it (a previous run older than dspm.retention.keep-runs allows). */
    private boolean exists(long runId) {
        Integer tables = jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = ?",
                Integer.class, RunTables.name(runId).toLowerCase(Locale.ROOT));
        return tables != null && tables > 0;
    }

    /** A scope's rank, narrowest first: 0 for one this build does not know, which is no evidence either way. */
    static String rank(String table) {
        return "CASE " + table + ".permission WHEN 'OWNER' THEN 1 WHEN 'TEAM_ONLY' THEN 2 WHEN 'PUBLIC' THEN 3 ELSE 0 END";
    }
}
