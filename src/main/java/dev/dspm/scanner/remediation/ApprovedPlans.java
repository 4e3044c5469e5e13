package dev.dspm.scanner.remediation;

import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.ConfigurationException;
import dev.dspm.scanner.scan.RunTables;

/**
 * {@code dspm.remediation.approved-plan}: the actions an earlier run planned, and a security team reviewed, become
 * tonight's plan as they were: the same shares, the same target scopes, nothing added. Each is checked against
 * tonight's snapshot: a share no longer at the plan's "from" scope was changed since the review, and is skipped.
 */
@Component
public class ApprovedPlans {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final RemediationSettings settings;

    ApprovedPlans(JdbcClient jdbc, JdbcTemplate template, RemediationSettings settings) {
        this.settings = settings;
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Exit 2 before any request when the named plan does not exist for this tenant. */
    public void refuseUnknown(String tenant) {
        Optional<Long> plan = Optional.ofNullable(settings.approvedPlan());
        if (plan.isEmpty()) {
            return;
        }
        Optional<String> owner = jdbc.sql("SELECT r.tenant FROM run_remediation p JOIN scan_run r ON r.run_id = p.run_id "
                + "WHERE p.run_id = ?").param(plan.get()).query(String.class).optional();
        if (owner.isEmpty()) {
            throw new ConfigurationException("dspm.remediation.approved-plan=" + plan.get() + ": no run with that id made a "
                    + "remediation plan (or retention pruned it); its actions are in report.json of that run");
        }
        if (!owner.get().equals(tenant)) {
            throw new ConfigurationException("dspm.remediation.approved-plan=" + plan.get() + " is a plan for another tenant");
        }
    }

    void plan(long runId, long approved, String notePrefix, Consumer<Action> actions) {
        template.query("SELECT a.share_uid, a.policy_id, a.asset_type, a.owner_id, a.from_scope, a.to_scope, p.title, "
                + "s.uid, s.permission, s.asset_exists FROM remediation_action a "
                + "LEFT JOIN run_policy p ON p.run_id = a.run_id AND p.policy_id = a.policy_id "
                + "LEFT JOIN " + RunTables.name(runId) + " s ON s.run_id = " + runId + " AND s.uid = a.share_uid "
                + "WHERE a.run_id = ? AND a.status = 'PLANNED' ORDER BY a.share_uid", rs -> {
                    Action action = new Action(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), AuditNote.of(notePrefix, runId, approved, rs.getString(2),
                                    rs.getString(7), rs.getString(5), rs.getString(6)), ActionStatus.PLANNED, null);
                    if (rs.getString(8) == null) {
                        actions.accept(action.skipped(SkipReason.SHARE_GONE));
                    } else if (!action.fromScope().equals(rs.getString(9))) {
                        actions.accept(action.skipped(SkipReason.CHANGED_SINCE_PLAN));
                    } else {
                        actions.accept(Planner.check(action, (Boolean) rs.getObject(10)));
                    }
                }, approved);
    }
}
