package dev.dspm.scanner.findings;

import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

import dev.dspm.scanner.policy.RunContext;
import dev.dspm.scanner.policy.drools.Judge;
import dev.dspm.scanner.policy.drools.PolicyPack;
import dev.dspm.scanner.policy.waiver.Waivers;
import dev.dspm.scanner.snapshot.RunParameters;
import dev.dspm.scanner.snapshot.SnapshotDatabase;

/**
 * The evaluation's steps, shared by the nightly job (after the seal) and the re-judge job: {@code evaluate}
 * judges the snapshot page by page and writes its findings; {@code findings} then carries the previous run's
 * findings forward or resolves them; a re-judge first undoes the run's judgement ({@code forgetFindings}). The
 * policies and waivers are compiled once, before the context exists (a broken policy stops the run before the
 * database is opened), and are beans of it.
 */
@Configuration(proxyBeanMethods = false)
class EvaluationConfiguration {

    /** Pages judged and written per transaction: a restart repeats at most this many. */
    static final int PAGES_PER_COMMIT = 5;

    @Bean
    WaiverRecords waiverRecords(JdbcTemplate jdbc, Waivers waivers) {
        return new WaiverRecords(jdbc, waivers);
    }

    /**
     * The pages of a chunk are judged at once, one per core; reading and writing stay in order on the step's
     * thread (Spring Batch 6 makes only the processing concurrent), so the restart position is still exact.
     */
    @Bean
    Step evaluate(JobRepository jobRepository, PlatformTransactionManager transactionManager, SnapshotReader snapshotReader,
            JudgeProcessor judgeProcessor, FindingWriter findingWriter, ThreadPoolTaskExecutor judgeExecutor) {
        return new StepBuilder("evaluate", jobRepository)
                .<SnapshotPage, List<JudgedFinding>>chunk(PAGES_PER_COMMIT)
                .transactionManager(transactionManager)
                .reader(snapshotReader)
                .processor(judgeProcessor)
                .taskExecutor(judgeExecutor)
                .writer(findingWriter)
                .build();
    }

    @Bean
    ThreadPoolTaskExecutor judgeExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("judge-");
        executor.setCorePoolSize(Runtime.getRuntime().availableProcessors());
        return executor;
    }

    @Bean
    Step findings(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcTemplate jdbc,
            SnapshotDatabase database, JudgedRuns runs, PolicyPack pack, WaiverRecords waiverRecords, Clock clock) {
        return new StepBuilder("findings", jobRepository)
                .tasklet(new FindingLifecycle(jdbc, new SeenFindings(jdbc, database), runs, pack, waiverRecords, clock),
                        transactionManager)
                .build();
    }

    /** The re-judge's first step: the run's judgement undone, in one transaction, before it is judged again. */
    @Bean
    Step forgetFindings(JobRepository jobRepository, PlatformTransactionManager transactionManager, JudgedRuns runs) {
        return new StepBuilder("forgetFindings", jobRepository)
                .tasklet((contribution, chunkContext) -> {
                    runs.forget(RunParameters.runId(contribution.getStepExecution()));
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    @Bean
    @StepScope
    SnapshotReader snapshotReader(JdbcTemplate jdbc, SnapshotDatabase database,
            @Value("#{stepExecution}") StepExecution stepExecution) {
        return new SnapshotReader(jdbc, database, RunParameters.runId(stepExecution));
    }

    @Bean
    @StepScope
    JudgeProcessor judgeProcessor(PolicyPack pack, Waivers waivers, JudgedRuns runs, JdbcTemplate jdbc,
            SnapshotDatabase database, RuleFailures ruleFailures, @Value("#{stepExecution}") StepExecution stepExecution) {
        JudgedRun judgedRun = runs.find(RunParameters.runId(stepExecution));
        return new JudgeProcessor(new Judge(pack, new RunContext(judgedRun.runId(), judgedRun.startedAt(), pack.settings())),
                judgedRun, new EarlierFindings(jdbc, database), waivers, ruleFailures);
    }

    @Bean
    @StepScope
    FindingWriter findingWriter(DataSource dataSource, SnapshotDatabase database, JudgedRuns runs,
            @Value("#{stepExecution}") StepExecution stepExecution) {
        return new FindingWriter(dataSource, database, runs.find(RunParameters.runId(stepExecution)));
    }
}
