package dev.dspm.scanner.scan;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

import dev.dspm.scanner.ConfigurationException;
import dev.dspm.scanner.manus.ApiKeys;
import dev.dspm.scanner.manus.ApiSettings;
import dev.dspm.scanner.manus.Asset;
import dev.dspm.scanner.manus.ManusClient;

/**
 * The scan job: preflight, a partitioned scan (one partition per asset type, or per type and owner),
 * the completeness check, and retention.
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
    SnapshotStore snapshotStore(DataSource dataSource) throws SQLException {
        String product;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
        }
        return switch (product) {
            case "PostgreSQL" -> new CopySnapshotStore(dataSource);
            case "H2" -> new MergeSnapshotStore(new JdbcTemplate(dataSource));
            default -> throw new ConfigurationException("spring.datasource.url: " + product
                    + " is not supported; use an H2 file or PostgreSQL");
        };
    }

    @Bean
    ThreadPoolTaskExecutor partitionExecutor(ScanSettings settings) {
        return executor("scan-", settings.threads());
    }

    @Bean
    ThreadPoolTaskExecutor prefetchExecutor(ScanSettings settings) {
        return executor("fetch-", settings.threads() * SharePageReader.AHEAD);
    }

    @Bean
    Job shareScan(JobRepository jobRepository, Step preflight, Step scan, Step completeness, Step retention,
            ScanProgress progress, ScanRuns runs, Clock clock) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(new ScanJobListener(progress, runs, clock))
                .start(preflight)
                .next(scan)
                .next(completeness)
                .next(retention)
                .build();
    }

    @Bean
    Step preflight(JobRepository jobRepository, PlatformTransactionManager transactionManager, ScanSettings settings,
            ApiKeys keys, ApiSettings api, ScanRuns runs, PartitionLedger ledger, Clock clock) {
        return new StepBuilder("preflight", jobRepository)
                .tasklet(new Preflight(settings, keys, api.baseUrl().toString(), runs, ledger, clock), transactionManager)
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
        // A transaction spans several pages: each commit rewrites B-tree pages, so fewer, larger commits
        // write far less; a resumed partition re-reads at most one interval.
        return new StepBuilder("scanPartition", jobRepository)
                .<Asset, Asset>chunk(settings.commitInterval())
                .transactionManager(transactionManager)
                .reader(sharePageReader)
                .writer(snapshotWriter)
                .listener(snapshotWriter)
                .build();
    }

    @Bean
    @StepScope
    PageTally pageTally() {
        return new PageTally();
    }

    @Bean
    @StepScope
    SharePageReader sharePageReader(ManusClient client, ScanSettings settings, ThreadPoolTaskExecutor prefetchExecutor,
            PageTally pageTally, ScanProgress progress,
            @Value("#{stepExecutionContext['" + ScanPartition.CONTEXT_KEY + "']}") String key) {
        ScanPartition partition = ScanPartition.find(settings, key);
        return new SharePageReader(client, partition, partition.query(settings), prefetchExecutor, pageTally, progress);
    }

    @Bean
    @StepScope
    SnapshotWriter snapshotWriter(SnapshotStore store, PartitionLedger ledger, PageTally pageTally,
            @Value("#{stepExecution}") StepExecution stepExecution,
            @Value("#{stepExecutionContext['" + ScanPartition.CONTEXT_KEY + "']}") String key) {
        return new SnapshotWriter(store, ledger, pageTally, runId(stepExecution), key);
    }

    @Bean
    Step completeness(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            PartitionLedger ledger, ScanRuns runs, JdbcClient jdbc, Clock clock) {
        return new StepBuilder("completeness", jobRepository)
                .tasklet(new CompletenessCheck(ledger, runs, jdbc, clock), transactionManager)
                .build();
    }

    @Bean
    Step retention(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcClient jdbc,
            ScanSettings settings) {
        return new StepBuilder("retention", jobRepository)
                .tasklet(new SnapshotRetention(jdbc, settings.keepRuns()), transactionManager)
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
