package dev.dspm.scanner.scan;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

import dev.dspm.scanner.manus.ApiKeys;
import dev.dspm.scanner.manus.ManusClient;
import dev.dspm.scanner.owner.OwnerEmails;
import dev.dspm.scanner.snapshot.ListedPage;
import dev.dspm.scanner.snapshot.PartitionLedger;
import dev.dspm.scanner.snapshot.RunParameters;
import dev.dspm.scanner.snapshot.RunTables;
import dev.dspm.scanner.snapshot.Runs;
import dev.dspm.scanner.snapshot.SnapshotDatabase;
import dev.dspm.scanner.snapshot.SnapshotStore;

/**
 * The scan's steps: {@code preflight} (the run, its owners, its partitions and its empty table), then {@code scan},
 * one partition per asset type (or per type and owner) on a bounded pool, each paging the API into the run's table.
 */
@Configuration(proxyBeanMethods = false)
class ScanStepsConfiguration {

    @Bean
    ScanProgress scanProgress(ScanSettings settings) {
        return new ScanProgress(settings.progressInterval());
    }

    @Bean
    ThreadPoolTaskExecutor partitionExecutor(ScanSettings settings) {
        return executor("scan-", settings.threads());
    }

    @Bean
    WriteTurns writeTurns(SnapshotDatabase database) {
        return new WriteTurns(database.oneWriterAtATime());
    }

    @Bean
    PageBudget pageBudget() {
        return new PageBudget(PageBudget.PAGES);
    }

    /** A thread for every page that can be asked for at once: one per partition and the budget's (most wait). */
    @Bean
    ThreadPoolTaskExecutor prefetchExecutor(ScanSettings settings, PageBudget pageBudget) {
        return executor("fetch-", settings.threads() + pageBudget.size());
    }

    @Bean
    Step preflight(JobRepository jobRepository, PlatformTransactionManager transactionManager, ScanSettings settings,
            ApiKeys keys, OwnerEmails emails, Runs runs, PartitionLedger ledger, RunTables tables, Clock clock) {
        return new StepBuilder("preflight", jobRepository)
                .tasklet(new Preflight(settings, keys, emails, runs, ledger, tables, clock), transactionManager)
                .build();
    }

    /**
     * The partitions of the owners the preflight kept: pure arithmetic on settings and the job's context, since a
     * partitioner that can throw is how spring-batch 4736 leaves a restarted step COMPLETED without running its
     * partitions.
     */
    @Bean
    @JobScope
    Partitioner scanPartitioner(ScanSettings settings, @Value("#{jobExecutionContext['" + Preflight.OWNERS + "']}") Object owners) {
        return gridSize -> {
            Map<String, ExecutionContext> contexts = new LinkedHashMap<>();
            for (ScanPartition partition : ScanPartition.plan(settings.assetTypes(), Preflight.owners(owners))) {
                contexts.put(partition.key(), partition.context());
            }
            return contexts;
        };
    }

    @Bean
    Step scan(JobRepository jobRepository, Step scanPartition, Partitioner scanPartitioner,
            ThreadPoolTaskExecutor partitionExecutor) {
        return new StepBuilder("scan", jobRepository)
                .partitioner(scanPartition.getName(), scanPartitioner)
                .step(scanPartition)
                .taskExecutor(partitionExecutor)
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
            PageBudget pageBudget, ScanProgress progress, @Value("#{stepExecution}") StepExecution stepExecution) {
        ScanPartition partition = ScanPartition.of(stepExecution.getExecutionContext());
        Instant endTime = RunParameters.endTime(stepExecution.getJobParameters());
        return new SharePageReader(client, partition, partition.query(settings, endTime), prefetchExecutor, pageBudget,
                progress, settings.maxRereads(), settings.maxSharesPerType());
    }

    @Bean
    @StepScope
    SnapshotWriter snapshotWriter(SnapshotStore store, RunTables tables, PartitionLedger ledger, WriteTurns writeTurns,
            @Value("#{stepExecution}") StepExecution stepExecution) {
        return new SnapshotWriter(store, tables, ledger, RunParameters.runId(stepExecution),
                ScanPartition.of(stepExecution.getExecutionContext()), writeTurns);
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
