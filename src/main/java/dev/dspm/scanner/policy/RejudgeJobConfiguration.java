package dev.dspm.scanner.policy;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The re-judge job: a stored snapshot judged again by the current policies, with no request to the API.
 * It forgets the run's earlier findings, then runs the same steps as the nightly job from the evaluation to the report.
 */
@Configuration(proxyBeanMethods = false)
class RejudgeJobConfiguration {

    static final String JOB_NAME = "rejudge";

    @Bean
    Job rejudge(JobRepository jobRepository, Step forgetFindings, Step evaluate, Step findings, Step report) {
        return new JobBuilder(JOB_NAME, jobRepository).start(forgetFindings).next(evaluate).next(findings).next(report)
                .build();
    }

    @Bean
    Step forgetFindings(JobRepository jobRepository, PlatformTransactionManager transactionManager, JudgedRuns runs) {
        return new StepBuilder("forgetFindings", jobRepository)
                .tasklet((contribution, chunkContext) -> {
                    runs.forget(JudgedRuns.runId(contribution.getStepExecution()));
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }
}
