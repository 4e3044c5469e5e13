package dev.dspm.scanner.remediation;

import java.time.Instant;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;

import dev.dspm.scanner.scan.RunScopes;

/**
 * Where tonight's actions come from: tonight's findings, an approved earlier plan, or an earlier run's changes taken
 * back. A filtered run's plan from an earlier run marks the shares it did not read as NOT_SCANNED.
 */
@Component
class PlanSources {

    private final RemediationSettings settings;
    private final Planner planner;
    private final ApprovedPlans approvedPlans;
    private final Reverts reverts;
    private final RunScopes scopes;

    PlanSources(RemediationSettings settings, Planner planner, ApprovedPlans approvedPlans, Reverts reverts, RunScopes scopes) {
        this.settings = settings;
        this.planner = planner;
        this.approvedPlans = approvedPlans;
        this.reverts = reverts;
        this.scopes = scopes;
    }

    void plan(long runId, Instant snapshotAt, Consumer<Action> actions) {
        switch (settings.source()) {
            case FINDINGS -> planner.plan(runId, snapshotAt, settings, actions);
            case APPROVED_PLAN -> approvedPlans.plan(runId, settings.approvedPlan(), scopes.of(runId).filtered(), actions);
            case REVERT -> reverts.plan(runId, settings.revert(), scopes.of(runId).filtered(), actions);
        }
    }
}
