package dev.dspm.scanner.remediation;

import java.util.function.Consumer;

import org.springframework.stereotype.Component;

import dev.dspm.scanner.snapshot.Runs;

/**
 * Where tonight's actions come from: tonight's findings, an approved earlier plan, or an earlier run's changes taken
 * back. A filtered run's plan from an earlier run marks the shares it did not read as NOT_SCANNED.
 */
@Component
class PlanSources {

    private final Planner planner;
    private final ApprovedPlans approvedPlans;
    private final Reverts reverts;

    PlanSources(Planner planner, ApprovedPlans approvedPlans, Reverts reverts) {
        this.planner = planner;
        this.approvedPlans = approvedPlans;
        this.reverts = reverts;
    }

    void plan(Runs.Run run, RemediationSettings settings, Consumer<Action> actions) {
        switch (settings.source()) {
            case FINDINGS -> planner.plan(run.runId(), run.startedAt(), settings, actions);
            case APPROVED_PLAN -> approvedPlans.plan(run.runId(), settings.approvedPlan(), run.scope().filtered(), actions);
            case REVERT -> reverts.plan(run.runId(), settings.revert(), run.scope().filtered(), actions);
        }
    }
}
