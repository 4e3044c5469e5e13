package dev.dspm.scanner.remediation;

import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code dspm.remediation.revert}: takes back what an earlier run applied, when a policy turned out wrong. Each share
 * that run tightened is set back to the scope it had before, if it still has the scope that run set (otherwise someone
 * changed it since, and it is left alone). The API has no call that removes an override: the share gets an override at
 * its earlier scope, so that its effective scope is what it was.
 */
@Component
class Reverts {

    private final JdbcTemplate template;
    private final RemediationSettings settings;

    Reverts(JdbcTemplate template, RemediationSettings settings) {
        this.template = template;
        this.settings = settings;
    }

    void plan(long runId, long reverted, boolean filtered, Consumer<Action> actions) {
        template.query("SELECT a.share_uid, a.policy_id, a.asset_type, a.owner_id, a.from_scope, a.to_scope, p.title, "
                + "s.uid, s.permission, s.asset_exists, f.asset_name FROM remediation_action a "
                + "LEFT JOIN run_policy p ON p.run_id = a.run_id AND p.policy_id = a.policy_id "
                + TonightsShare.join(runId) + TonightsShare.finding(runId)
                + "WHERE a.run_id = ? AND a.status = 'APPLIED' ORDER BY a.share_uid", rs -> {
                    // Back from the scope that run set to the one it found.
                    String from = rs.getString(6);
                    String to = rs.getString(5);
                    Action action = new Action(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(11),
                            rs.getString(4), from, to,
                            AuditNote.of(settings.notePrefix(), runId, AuditNote.reverting(reverted), rs.getString(2),
                                    rs.getString(7), from, to), ActionStatus.PLANNED, null);
                    if (rs.getString(8) == null) {
                        actions.accept(action.skipped(TonightsShare.missing(filtered)));
                    } else if (!from.equals(rs.getString(9))) {
                        actions.accept(action.skipped(SkipReason.CHANGED_SINCE_PLAN));
                    } else if (Boolean.FALSE.equals(rs.getObject(10))) {
                        actions.accept(action.skipped(SkipReason.STALE_SHARE));
                    } else {
                        actions.accept(action);
                    }
                }, reverted);
    }
}
