package dev.dspm.scanner.findings;

import java.sql.Timestamp;
import java.sql.Types;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;

import dev.dspm.scanner.snapshot.SnapshotDatabase;

/**
 * PostgreSQL: moves the findings the evaluation judged from {@code judged_finding} into {@code finding}, in one
 * statement at the evaluation's end: each is OPEN, first seen when it was, if the previous run had it unresolved, else
 * as judged (NEW or EXCEPTED, first seen tonight). One join of the two runs' findings replaces a lookup per page, and
 * the rows go into finding's key in its order rather than at random places. H2 wrote them into {@code finding} as
 * judged: one statement over a night's findings is several times slower there than the evaluation's batches (a
 * million shares: over a minute to insert them, against 40 s for the whole evaluation).
 */
class SeenFindings {

    private final JdbcTemplate jdbc;
    private final SnapshotDatabase database;

    SeenFindings(JdbcTemplate jdbc, SnapshotDatabase database) {
        this.jdbc = jdbc;
        this.database = database;
    }

    void settle(JudgedRun run) {
        if (database != SnapshotDatabase.POSTGRESQL) {
            return;
        }
        // Written since autovacuum last looked: without statistics the planner expects a handful of rows and probes the
        // previous run's key once per finding, where a merge join of the two sorted runs is several times faster.
        database.refreshStatistics(jdbc, "judged_finding");
        Timestamp seen = Timestamp.from(run.startedAt());
        jdbc.update("""
                INSERT INTO finding (run_id, share_uid, policy_id, status, severity, seen, asset_type, asset_name, owner_id,
                       permission, permission_raw, max_permission, max_permission_raw, asset_exists, first_seen_run,
                       first_seen_at, last_seen_run, last_seen_at, waiver_key, waiver_active)
                SELECT j.run_id, j.share_uid, j.policy_id,
                       CASE WHEN j.status = 'NEW' AND p.run_id IS NOT NULL THEN 'OPEN' ELSE j.status END,
                       j.severity, TRUE, j.asset_type, j.asset_name, j.owner_id, j.permission, j.permission_raw,
                       j.max_permission, j.max_permission_raw, j.asset_exists,
                       COALESCE(p.first_seen_run, j.run_id), COALESCE(p.first_seen_at, ?), j.run_id, ?,
                       j.waiver_key, j.waiver_active
                FROM judged_finding j LEFT JOIN finding p ON p.run_id = ? AND p.share_uid = j.share_uid
                     AND p.policy_id = j.policy_id AND p.status <> 'RESOLVED'
                WHERE j.run_id = ?
                ORDER BY j.share_uid, j.policy_id
                """, seen, seen, new SqlParameterValue(Types.BIGINT, run.previous().orElse(null)), run.runId());
        jdbc.update("DELETE FROM judged_finding WHERE run_id = ?", run.runId());
        // Planned without tonight's rows, the carry-forward's anti-join probed them once per earlier finding (3.6 s
        // against 1.0 s as a hash anti-join, at a million shares).
        database.refreshStatistics(jdbc, "finding");
    }
}
