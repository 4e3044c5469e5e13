package dev.dspm.scanner.export;

import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.dspm.scanner.snapshot.RunParameters;

/**
 * The {@code export} step, after the report: pushes the run's OCSF events to {@code dspm.export.http.url}, when set. A
 * step of the job rather than a listener of the run's end, so that it is resumed with the job: a run killed mid-push
 * carries on where it stopped, under the run's lock (no second process pushes the same run), and never pushes again
 * once done. A collector that fails does not fail the step. Its requests run outside a transaction: each batch's state
 * is committed as it changes.
 */
@Configuration(proxyBeanMethods = false)
class ExportConfiguration {

    @Bean
    Step export(JobRepository jobRepository, OcsfPush push) {
        return new StepBuilder("export", jobRepository)
                .tasklet((contribution, chunkContext) -> {
                    StepExecution step = contribution.getStepExecution();
                    try {
                        push.push(RunParameters.runId(step), step::isTerminateOnly);
                    } catch (Collector.Stopped stopped) {
                        // not COMPLETED: the resumed run pushes the rest
                        throw new JobInterruptedException("the run was stopped while pushing its events");
                    }
                    return RepeatStatus.FINISHED;
                }, new ResourcelessTransactionManager())
                .build();
    }
}
