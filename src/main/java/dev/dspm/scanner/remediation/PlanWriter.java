package dev.dspm.scanner.remediation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;

import dev.dspm.scanner.snapshot.PartitionLedger;
import dev.dspm.scanner.snapshot.Runs;

/**
 * Makes a run's plan, whole (the caller's transaction), from the source its settings name, and records in plan mode
 * the guardrail that would hold an apply back, so that the report says what apply would have done.
 */
@Component
class PlanWriter {

    private static final int BATCH = 1_000;

    private final Actions actions;
    private final PlannedActions plannedActions;
    private final PlanSources sources;
    private final Guardrails guardrails;
    private final Runs runs;
    private final PartitionLedger ledger;

    PlanWriter(Actions actions, PlannedActions plannedActions, PlanSources sources, Guardrails guardrails, Runs runs,
            PartitionLedger ledger) {
        this.actions = actions;
        this.plannedActions = plannedActions;
        this.sources = sources;
        this.guardrails = guardrails;
        this.runs = runs;
        this.ledger = ledger;
    }

    void write(long runId, RemediationSettings settings) {
        actions.beginPlan(runId);
        if (settings.mode() != RemediationSettings.Mode.OFF) {
            List<Action> batch = new ArrayList<>(BATCH);
            Consumer<Action> sink = action -> {
                batch.add(action);
                if (batch.size() == BATCH) {
                    plannedActions.add(runId, batch);
                    batch.clear();
                }
            };
            sources.plan(run(runId), settings, sink);
            plannedActions.add(runId, batch);
        }
        actions.endPlan(runId, settings);
        if (settings.mode() == RemediationSettings.Mode.PLAN) {
            hold(runId, actions.count(runId, ActionStatus.PLANNED), settings)
                    .ifPresent(hold -> actions.holdBack(runId, hold.why(), hold.detail()));
        }
    }

    /** The guardrail that keeps this many actions of the run from being applied, if one does. */
    Optional<Guardrails.Hold> hold(long runId, long planned, RemediationSettings settings) {
        return guardrails.check(run(runId), ledger.partitions(runId), planned, settings);
    }

    private Runs.Run run(long runId) {
        return runs.find(runId).orElseThrow(() -> new IllegalStateException("no run " + runId));
    }
}
