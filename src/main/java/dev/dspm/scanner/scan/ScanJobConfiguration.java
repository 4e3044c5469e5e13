package dev.dspm.scanner.scan;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

import dev.dspm.scanner.manus.ApiKeys;
import dev.dspm.scanner.manus.ManusClient;

/**
 * The scan job: preflight, a partitioned scan (one partition per asset type, or per type and owner),
 * the seal, the team's members (with the user key), the evaluation of the snapshot against the policies, remediation (plan by default), the report, and
 * retention.
 */
@Configuration(proxyBeanMethods = false)
class ScanJobConfiguration {

    static final String JOB_NAME = "shareScan";

    static long runId(StepExecution stepExecution) {
        return stepExecution.getJobExecution().getJobInstance().getInstanceId();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ScanProgress scanProgress(ScanSettings settings) {
        return new ScanProgress(settings.progressInterval());
    }

    @Bean
    ThreadPoolTaskExecutor partitionExecutor(ScanSettings settings, SnapshotDatabase database) {
        return executor("scan-", database.partitionThreads(settings.threads()));
    }

    @Bean
    ThreadPoolTaskExecutor prefetchExecutor(ScanSettings settings) {
        return executor("fetch-", settings.threads() * SharePageReader.AHEAD);
    }

    @Bean
    Job shareScan(JobRepository jobRepository, Step preflight, Step scan, Step seal, Step owners, Step evaluate,
            Step findings, Step remediation, Step report, Step retention, ScanProgress progress, ScanRuns runs, RunStop stop,
            Clock clock) {
        // The seal's verdict (COMPLETE or INCOMPLETE) is its exit status: later steps branch on it. An incomplete
        // snapshot is judged too (what it holds is real); the findings step keeps what it could not see open.
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(new ScanJobListener(progress, runs, stop, clock))
                .start(preflight)
                .next(scan)
                .next(seal).on(Seal.COMPLETE).to(owners)
                .from(seal).on(Seal.INCOMPLETE).to(owners)
                .from(seal).on("*").fail()
                .from(owners).next(evaluate).next(findings).next(remediation).next(report).next(retention)
                .end()
                .build();
    }

    @Bean
    Step preflight(JobRepository jobRepository, PlatformTransactionManager transactionManager, ScanSettings settings,
            ApiKeys keys, ScanRuns runs, PartitionLedger ledger, RunTables tables, Clock clock) {
        return new StepBuilder("preflight", jobRepository)
                .tasklet(new Preflight(settings, keys, runs, ledger, tables, clock), transactionManager)
                .build();
    }

    @Bean
    Step scan(JobRepository jobRepository, Step scanPartition, ThreadPoolTaskExecutor partitionExecutor,
            ScanSettings settings) {
        // The partitioner is pure arithmetic on settings: a partitioner that can throw is how
        // spring-batch 4736 leaves a restarted step COMPLETED without running its partitions.
        Partitioner partitioner = gridSize -> {
            Map<String, ExecutionContext> contexts = new LinkedHashMap<>();
            for (ScanPartition partition : ScanPartition.plan(settings)) {
                ExecutionContext context = new ExecutionContext();
                context.putString(ScanPartition.CONTEXT_KEY, partition.key());
                contexts.put(partition.key(), context);
            }
            return contexts;
        };
        return new StepBuilder("scan", jobRepository)
                .partitioner(scanPartition.getName(), partitioner)
                .step(scanPartition)
                .taskExecutor(partitionExecutor)
                .gridSize(ScanPartition.plan(settings).size())
                .build();
    }

    @Bean
    Step scanPartition(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            SharePageReader sharePageReader, SnapshotWriter snapshotWriter, ScanSettings settings) {
        // A transaction spans several pages: each commit costs the database a flush, so fewer, larger commits
        // write faster; a resumed partition re-reads at most one interval (plus the pages fetched ahead).
        return new StepBuilder("scanPartition", jobRepository)
                .<ListedPage, ListedPage>chunk(Math.max(1, settings.commitInterval() / settings.pageSize()))
                .transactionManager(transactionManager)
                .reader(sharePageReader)
                .writer(snapshotWriter)
                .listener(snapshotWriter)
                .build();
    }

    @Bean
    @StepScope
    SharePageReader sharePageReader(ManusClient client, ScanSettings settings, ThreadPoolTaskExecutor prefetchExecutor,
            ScanProgress progress, @Value("#{jobParameters['" + ScanCommand.END_TIME + "']}") String endTime,
            @Value("#{stepExecutionContext['" + ScanPartition.CONTEXT_KEY + "']}") String key) {
        ScanPartition partition = ScanPartition.find(settings, key);
        return new SharePageReader(client, partition, partition.query(settings, endTime == null ? null : Instant.parse(endTime)),
                prefetchExecutor, progress, settings.maxRereads());
    }

    @Bean
    @StepScope
    SnapshotWriter snapshotWriter(SnapshotStore store, RunTables tables, PartitionLedger ledger, ScanSettings settings,
            @Value("#{stepExecution}") StepExecution stepExecution,
            @Value("#{stepExecutionContext['" + ScanPartition.CONTEXT_KEY + "']}") String key) {
        return new SnapshotWriter(store, tables, ledger, runId(stepExecution), ScanPartition.find(settings, key));
    }

    @Bean
    Step seal(JobRepository jobRepository, PlatformTransactionManager transactionManager, PartitionLedger ledger,
            ScanRuns runs, RunTables tables, RunStop stop, Clock clock) {
        return new StepBuilder("seal", jobRepository)
                .tasklet(new Seal(ledger, runs, tables, stop, clock), transactionManager)
                .build();
    }

    @Bean
    Step retention(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcClient jdbc,
            RunTables tables, BatchHistory history, ScanSettings settings, Clock clock) {
        return new StepBuilder("retention", jobRepository)
                .tasklet(new SnapshotRetention(jdbc, tables, history, settings, clock), transactionManager)
                .build();
    }

    private static ThreadPoolTaskExecutor executor(String prefix, int threads) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix(prefix);
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setWaitForTasksToCompleteOnShutdown(false);
        return executor;
    }
}
