package dev.dspm.scanner.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.remediation.ActionStatus;
import dev.dspm.scanner.remediation.HeldBack;
import dev.dspm.scanner.remediation.RemediationSettings.Mode;
import dev.dspm.scanner.remediation.SkipReason;

/**
 * A run's remediation as the reports read it: the {@link RemediationOverview} in a few small queries, and every
 * action streamed in share order (a plan for a big tenant can be a hundred thousand SKIPPED rows). Each action
 * carries the name of the share from the run's finding it came from, written with the plan (V19).
 */
@Component
class RemediationRows {

    private static final String COLUMNS = "SELECT a.share_uid, a.asset_type, a.asset_name, a.owner_id, a.policy_id, "
            + "a.from_scope, a.to_scope, a.note, a.status, a.reason, a.request_id, a.error, a.updated_at";
    private static final String FROM = " FROM remediation_action a";
    /** Every action, for the files: the owner's id only (a plan can be half a million actions, each a lookup more). */
    private static final String SELECT = COLUMNS + ", NULL" + FROM + " WHERE a.run_id = ?";
    /** The page's few actions, with their owner's email as the findings table shows it. */
    private static final String LISTED = COLUMNS + ", o.email" + FROM
            + " LEFT JOIN run_owner o ON o.run_id = a.run_id AND o.team_user_id = a.owner_id WHERE a.run_id = ?";

    private final JdbcTemplate jdbc;

    RemediationRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @param listed how many of the actions that were or would be sent to read for the page */
    RemediationOverview overview(long runId, int listed) {
        List<RunRow> run = jdbc.query("SELECT mode, approved_plan, reverted_run, held_back, detail FROM run_remediation "
                + "WHERE run_id = ?", (rs, n) -> new RunRow(Mode.valueOf(rs.getString(1)), rs.getObject(2, Long.class),
                        rs.getObject(3, Long.class), rs.getString(4) == null ? null : HeldBack.valueOf(rs.getString(4)),
                        rs.getString(5)), runId);
        if (run.isEmpty()) {
            return RemediationOverview.off();
        }
        Map<ActionStatus, Long> byStatus = RemediationOverview.counts(ActionStatus.class);
        Map<SkipReason, Long> skipped = RemediationOverview.counts(SkipReason.class);
        count(runId, byStatus, skipped);
        RunRow row = run.get(0);
        return new RemediationOverview(row.mode(), row.approvedPlan(), row.revertedRun(), row.heldBack(), row.detail(),
                byStatus, skipped,
                listed(runId, listed));
    }

    private record RunRow(Mode mode, Long approvedPlan, Long revertedRun, HeldBack heldBack, String detail) {
    }

    /** Every action of the run, in share order. */
    void forEach(long runId, Consumer<ReportedAction> each) {
        // Ordered by run_id too, as FindingRows: H2 then sees that the key gives the order and does not sort.
        jdbc.query(SELECT + " ORDER BY a.run_id, a.share_uid", rs -> {
            each.accept(action(rs));
        }, runId);
    }

    private void count(long runId, Map<ActionStatus, Long> byStatus, Map<SkipReason, Long> skipped) {
        jdbc.query("SELECT status, reason, COUNT(*) FROM remediation_action WHERE run_id = ? GROUP BY status, reason", rs -> {
            ActionStatus status = ActionStatus.valueOf(rs.getString(1));
            byStatus.merge(status, rs.getLong(3), Long::sum);
            if (status == ActionStatus.SKIPPED && rs.getString(2) != null) {
                skipped.merge(SkipReason.valueOf(rs.getString(2)), rs.getLong(3), Long::sum);
            }
        }, runId);
    }

    private List<ReportedAction> listed(long runId, int max) {
        if (max == 0) {
            return List.of();
        }
        return jdbc.query(LISTED + " AND a.status <> 'SKIPPED' ORDER BY CASE a.status WHEN 'FAILED' THEN 0 "
                + "WHEN 'IN_FLIGHT' THEN 1 WHEN 'APPLIED' THEN 2 ELSE 3 END, a.share_uid FETCH FIRST " + max + " ROWS ONLY",
                (rs, n) -> action(rs), runId);
    }

    private static ReportedAction action(ResultSet rs) throws SQLException {
        return new ReportedAction(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), ActionStatus.valueOf(rs.getString(9)),
                rs.getString(10) == null ? null : SkipReason.valueOf(rs.getString(10)), rs.getString(11), rs.getString(12),
                FindingRows.instant(rs, 13), rs.getString(14));
    }
}
