package dev.dspm.scanner.remediation;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.dspm.scanner.snapshot.RunParameters;

/**
 * The {@code remediation} step, after the findings and before the report: makes the run's plan once (from its
 * findings, an approved earlier plan, or the changes of a run to revert), checks the guardrails, and in apply mode
 * sends the planned actions. Its calls run outside a transaction: each action's state is committed as it changes, the
 * one before a call included. A re-judge's {@code replan} step plans again, never applying.
 */
@Configuration(proxyBeanMethods = false)
class RemediationConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RemediationConfiguration.class);

    @Bean
    Step remediation(JobRepository jobRepository, PlatformTransactionManager transactionManager, RemediationSettings settings,
            Actions actions, PlanWriter plans, Remediator remediator) {
        // The plan is made in one transaction (whole or not at all, and its query streamed); the calls after it in
        // none, so that each action's state is committed the moment it changes.
        TransactionTemplate planning = new TransactionTemplate(transactionManager);
        return new StepBuilder("remediation", jobRepository)
                .tasklet((contribution, chunkContext) -> {
                    long runId = RunParameters.runId(contribution.getStepExecution());
                    if (!actions.planned(runId)) {
                        planning.executeWithoutResult(status -> plans.write(runId, settings));
                    }
                    if (settings.mode() != RemediationSettings.Mode.APPLY || actions.heldBack(runId).isPresent()) {
                        return RepeatStatus.FINISHED;
                    }
                    Map<ActionStatus, Long> counts = actions.counts(runId);
                    long planned = counts.getOrDefault(ActionStatus.PLANNED, 0L) + counts.getOrDefault(ActionStatus.IN_FLIGHT, 0L);
                    plans.hold(runId, planned, settings).ifPresentOrElse(hold -> {
                        actions.holdBack(runId, hold.why(), hold.detail());
                        remediator.settleInFlight(runId);
                    }, () -> remediator.apply(runId));
                    return RepeatStatus.FINISHED;
                }, new ResourcelessTransactionManager())
                .build();
    }

    /**
     * A re-judged run's plan, made again from its new findings in plan mode: a policy removed or a share newly waived
     * leaves no action behind. A run whose remediation changed the tenant keeps it: it is the record of what was done.
     */
    @Bean
    Step replan(JobRepository jobRepository, PlatformTransactionManager transactionManager, RemediationSettings settings,
            Actions actions, PlanWriter plans) {
        return new StepBuilder("replan", jobRepository)
                .tasklet((contribution, chunkContext) -> {
                    long runId = RunParameters.runId(contribution.getStepExecution());
                    if (actions.sent(runId)) {
                        log.info("run {}: its remediation changed the tenant, and is kept as the record of it; not planned again",
                                runId);
                    } else {
                        actions.forget(runId);
                        plans.write(runId, settings.replan());
                    }
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }
}
