package dev.dspm.scanner.run;

import java.time.Clock;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import dev.dspm.scanner.scan.ScanProgress;
import dev.dspm.scanner.scan.ScanSettings;
import dev.dspm.scanner.snapshot.BatchHistory;
import dev.dspm.scanner.snapshot.RetentionSettings;
import dev.dspm.scanner.snapshot.RunTables;
import dev.dspm.scanner.snapshot.Runs;
import dev.dspm.scanner.snapshot.Seal;
import dev.dspm.scanner.snapshot.SnapshotRetention;

/**
 * Both jobs, the only place jobs are built. The nightly scan: preflight, the partitioned scan, the seal, the team's
 * members (with the user key), the evaluation, the findings' lifecycle, remediation (plan by default), the report, the
 * push of its OCSF events (when a collector is set) and retention. The re-judge: a stored snapshot's judgement undone,
 * then the same steps from the evaluation to the report, with remediation planned again and never applied, and nothing
 * pushed (a SIEM would take the night's findings twice, differently). {@link RunStop} listens to both, to stop either.
 */
@Configuration(proxyBeanMethods = false)
class JobsConfiguration {

    @Bean
    Job shareScan(JobRepository jobRepository, Step preflight, Step scan, Step seal, Step owners, Step evaluate,
            Step findings, Step remediation, Step report, Step export, Step retention, ScanProgress progress, Runs runs,
            RunStop stop,
            Clock clock) {
        // The seal's verdict (COMPLETE or INCOMPLETE) is its exit status: later steps branch on it. An incomplete
        // snapshot is judged too (what it holds is real); the findings step keeps what it could not see open.
        return new JobBuilder("shareScan", jobRepository)
                .listener(stop)
                .listener(new JobExecutionListener() {
                    @Override
                    public void beforeJob(JobExecution execution) {
                        progress.start(execution.getJobInstance().getInstanceId());
                    }

                    @Override
                    public void afterJob(JobExecution execution) {
                        progress.stop();
                        if (execution.getStatus() != BatchStatus.COMPLETED) {
                            runs.end(execution.getJobInstance().getInstanceId(),
                                    stop.reason().isPresent() ? "STOPPED" : "FAILED", clock.instant());
                        }
                    }
                })
                .start(preflight)
                .next(scan)
                .next(seal).on(Seal.COMPLETE).to(owners)
                .from(seal).on(Seal.INCOMPLETE).to(owners)
                .from(seal).on("*").fail()
                .from(owners).next(evaluate).next(findings).next(remediation).next(report).next(export).next(retention)
                .end()
                .build();
    }

    @Bean
    Job rejudge(JobRepository jobRepository, Step forgetFindings, Step evaluate, Step findings, Step replan, Step report,
            RunStop stop) {
        return new JobBuilder("rejudge", jobRepository).listener(stop)
                .start(forgetFindings).next(evaluate).next(findings).next(replan).next(report)
                .build();
    }

    /** Retention keeps every run the next start could still resume, so it is told {@code dspm.scan.resume-within}. */
    @Bean
    Step retention(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcClient jdbc, Runs runs,
            RunTables tables, BatchHistory history, RetentionSettings settings, ScanSettings scan, Clock clock) {
        return new StepBuilder("retention", jobRepository)
                .tasklet(new SnapshotRetention(jdbc, runs, tables, history, settings, scan.resumeWithin(), clock),
                        transactionManager)
                .build();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
