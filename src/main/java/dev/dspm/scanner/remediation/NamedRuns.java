package dev.dspm.scanner.remediation;

import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;

import dev.dspm.scanner.config.ConfigurationException;
import dev.dspm.scanner.snapshot.Runs;

/**
 * The earlier run a remediation setting names ({@code approved-plan}, {@code revert}), checked before any request: it
 * must be this tenant's, an approved plan no older than {@code dspm.remediation.approved-plan-max-age}, and a reverted
 * run must have applied something; the two are not set together. Each refusal is exit 2 with one line naming the setting.
 */
@Component
public class NamedRuns {

    private final Actions actions;
    private final Runs runs;
    private final RemediationSettings settings;

    NamedRuns(Actions actions, Runs runs, RemediationSettings settings) {
        this.actions = actions;
        this.runs = runs;
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

    private void checkApprovedPlan(long plan, String tenant, Instant now) {
        String setting = "dspm.remediation.approved-plan=" + plan;
        Runs.Run run = runs.find(plan).filter(planned -> actions.planned(plan)).orElseThrow(() -> new ConfigurationException(
                setting + ": no run with that id made a remediation plan (or retention pruned it); its actions are in "
                        + "report.json of that run"));
        sameTenant(setting, run, tenant);
        Duration age = Duration.between(run.startedAt(), now);
        if (age.compareTo(settings.approvedPlanMaxAge()) > 0) {
            throw new ConfigurationException(setting + " was planned on a snapshot taken " + age.toHours() + " h ago, more "
                    + "than dspm.remediation.approved-plan-max-age=" + settings.approvedPlanMaxAge()
                    + ": review a fresh plan instead");
        }
    }

    private void checkReverted(long reverted, String tenant) {
        String setting = "dspm.remediation.revert=" + reverted;
        Runs.Run run = runs.find(reverted).orElseThrow(
                () -> new ConfigurationException(setting + ": no run has that id (or retention pruned it)"));
        sameTenant(setting, run, tenant);
        if (actions.count(reverted, ActionStatus.APPLIED) == 0) {
            throw new ConfigurationException(setting + ": that run applied no action, so there is nothing to take back");
        }
    }

    private static void sameTenant(String setting, Runs.Run run, String tenant) {
        if (!run.tenant().equals(tenant)) {
            throw new ConfigurationException(setting + " is a run of another tenant");
        }
    }
}
