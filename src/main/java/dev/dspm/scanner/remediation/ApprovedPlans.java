package dev.dspm.scanner.remediation;

import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code dspm.remediation.approved-plan}: the actions an earlier run planned, and a security team reviewed, become
 * tonight's plan as they were: the same shares, the same target scopes, nothing added. Each is checked against
 * tonight: a share no longer at the plan's "from" scope was changed since the review; one whose finding of the
 * action's policy is waived tonight, or gone, is no longer to be acted on. ({@link NamedRuns} refuses a plan too old
 * to apply before the run starts.)
 */
@Component
class ApprovedPlans {

    private final JdbcTemplate template;
    private final RemediationSettings settings;

    ApprovedPlans(JdbcTemplate template, RemediationSettings settings) {
        this.settings = settings;
        this.template = template;
    }

    void plan(long runId, long approved, boolean filtered, Consumer<Action> actions) {
        template.query("SELECT a.share_uid, a.policy_id, a.asset_type, a.owner_id, a.from_scope, a.to_scope, p.title, "
                + "s.uid, s.permission, s.asset_exists, f.status, f.seen, f.asset_name FROM remediation_action a "
                + "LEFT JOIN run_policy p ON p.run_id = a.run_id AND p.policy_id = a.policy_id "
                + TonightsShare.join(runId) + TonightsShare.finding(runId)
                + "WHERE a.run_id = ? AND a.status = 'PLANNED' ORDER BY a.share_uid", rs -> {
                    Action action = new Action(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(13),
                            rs.getString(4), rs.getString(5), rs.getString(6), AuditNote.of(settings.notePrefix(), runId,
                                    AuditNote.approved(approved), rs.getString(2), rs.getString(7), rs.getString(5),
                                    rs.getString(6)), ActionStatus.PLANNED, null);
                    // A finding carried forward unseen says nothing of tonight: the share was read without it.
                    String finding = rs.getBoolean(12) ? rs.getString(11) : null;
                    if (rs.getString(8) == null) {
                        actions.accept(action.skipped(TonightsShare.missing(filtered)));
                    } else if (!action.fromScope().equals(rs.getString(9))) {
                        actions.accept(action.skipped(SkipReason.CHANGED_SINCE_PLAN));
                    } else if ("EXCEPTED".equals(finding)) {
                        actions.accept(action.skipped(SkipReason.WAIVED));
                    } else if (!"NEW".equals(finding) && !"OPEN".equals(finding)) {
                        actions.accept(action.skipped(SkipReason.RESOLVED));
                    } else {
                        actions.accept(Planner.check(action, (Boolean) rs.getObject(10)));
                    }
                }, approved);
    }
}
