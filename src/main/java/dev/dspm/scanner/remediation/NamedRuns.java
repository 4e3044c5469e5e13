package dev.dspm.scanner.remediation;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.ConfigurationException;

/**
 * The earlier run a remediation setting names ({@code approved-plan}, {@code revert}), checked before any request: it
 * must be this tenant's, an approved plan no older than {@code dspm.remediation.approved-plan-max-age}, and a reverted
 * run must have applied something; the two are not set together. Each refusal is exit 2 with one line naming the setting.
 */
@Component
public class NamedRuns {

    private final JdbcClient jdbc;
    private final RemediationSettings settings;

    NamedRuns(JdbcClient jdbc, RemediationSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    public void check(String tenant, Instant now) {
        if (settings.approvedPlan() != null && settings.revert() != null) {
            throw new ConfigurationException("dspm.remediation.revert and dspm.remediation.approved-plan cannot be set "
                    + "together: a run either applies a reviewed plan or takes an earlier run's changes back");
        }
        if (settings.approvedPlan() != null) {
            checkApprovedPlan(settings.approvedPlan(), tenant, now);
        }
        if (settings.revert() != null) {
            checkReverted(settings.revert(), tenant);
        }
    }

    private record Run(String tenant, Timestamp startedAt) {
    }

    private void checkApprovedPlan(long plan, String tenant, Instant now) {
        String setting = "dspm.remediation.approved-plan=" + plan;
        Run run = run(plan, "SELECT r.tenant, r.started_at FROM run_remediation p JOIN scan_run r ON r.run_id = p.run_id "
                + "WHERE p.run_id = ?").orElseThrow(() -> new ConfigurationException(setting + ": no run with that id made "
                        + "a remediation plan (or retention pruned it); its actions are in report.json of that run"));
        sameTenant(setting, run, tenant);
        Duration age = Duration.between(run.startedAt().toInstant(), now);
        if (age.compareTo(settings.approvedPlanMaxAge()) > 0) {
            throw new ConfigurationException(setting + " was planned on a snapshot taken " + age.toHours() + " h ago, more "
                    + "than dspm.remediation.approved-plan-max-age=" + settings.approvedPlanMaxAge()
                    + ": review a fresh plan instead");
        }
    }

    private void checkReverted(long reverted, String tenant) {
        String setting = "dspm.remediation.revert=" + reverted;
        Run run = run(reverted, "SELECT tenant, started_at FROM scan_run WHERE run_id = ?").orElseThrow(
                () -> new ConfigurationException(setting + ": no run has that id (or retention pruned it)"));
        sameTenant(setting, run, tenant);
        long applied = jdbc.sql("SELECT COUNT(*) FROM remediation_action WHERE run_id = ? AND status = 'APPLIED'")
                .param(reverted).query(Long.class).single();
        if (applied == 0) {
            throw new ConfigurationException(setting + ": that run applied no action, so there is nothing to take back");
        }
    }

    private Optional<Run> run(long runId, String sql) {
        return jdbc.sql(sql).param(runId).query((rs, n) -> new Run(rs.getString(1), rs.getTimestamp(2))).optional();
    }

    private static void sameTenant(String setting, Run run, String tenant) {
        if (!run.tenant().equals(tenant)) {
            throw new ConfigurationException(setting + " is a run of another tenant");
        }
    }
}
