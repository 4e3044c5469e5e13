package dev.dspm.scanner.remediation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.dspm.scanner.policy.JudgedRuns;

/**
 * The {@code remediation} step, after the findings and before the report: makes the run's plan once (from its
 * findings, or from an approved earlier plan), checks the guardrails, and in apply mode sends the planned actions.
 * Its calls run outside a transaction: each action's state is committed as it changes, the one before a call included.
 */
@Configuration(proxyBeanMethods = false)
class RemediationConfiguration {

    private static final int BATCH = 1_000;

    @Bean
    Step remediation(JobRepository jobRepository, PlatformTransactionManager transactionManager, RemediationSettings settings,
            Actions actions, PlanSources sources, Guardrails guardrails, Remediator remediator) {
        // The plan is made in one transaction (whole or not at all, and its query streamed); the calls after it in
        // none, so that each action's state is committed the moment it changes.
        TransactionTemplate planning = new TransactionTemplate(transactionManager);
        return new StepBuilder("remediation", jobRepository)
                .tasklet((contribution, chunkContext) -> {
                    long runId = JudgedRuns.runId(contribution.getStepExecution());
                    if (!actions.planned(runId)) {
                        planning.executeWithoutResult(status -> plan(runId, settings, actions, sources, guardrails));
                    }
                    if (settings.mode() != RemediationSettings.Mode.APPLY || actions.heldBack(runId).isPresent()) {
                        return RepeatStatus.FINISHED;
                    }
                    long planned = actions.count(runId, ActionStatus.PLANNED) + actions.count(runId, ActionStatus.IN_FLIGHT);
                    guardrails.check(runId, planned, settings).ifPresentOrElse(hold -> {
                        actions.holdBack(runId, hold.why(), hold.detail());
                        remediator.settleInFlight(runId);
                    }, () -> remediator.apply(runId));
                    return RepeatStatus.FINISHED;
                }, new ResourcelessTransactionManager())
                .build();
    }

    private static void plan(long runId, RemediationSettings settings, Actions actions, PlanSources sources,
            Guardrails guardrails) {
        actions.beginPlan(runId);
        if (settings.mode() != RemediationSettings.Mode.OFF) {
            List<Action> batch = new ArrayList<>(BATCH);
            Consumer<Action> sink = action -> {
                batch.add(action);
                if (batch.size() == BATCH) {
                    actions.add(runId, batch);
                    batch.clear();
                }
            };
            sources.plan(runId, guardrails.snapshotAt(runId), sink);
            actions.add(runId, batch);
        }
        actions.endPlan(runId, settings);
        if (settings.mode() == RemediationSettings.Mode.PLAN) {
            // Recorded in plan mode too: the report says what would hold an apply back.
            guardrails.check(runId, actions.count(runId, ActionStatus.PLANNED), settings)
                    .ifPresent(hold -> actions.holdBack(runId, hold.why(), hold.detail()));
        }
    }
}
