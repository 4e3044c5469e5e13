package dev.dspm.scanner.scan;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dev.dspm.scanner.manus.ApiKeys;

/**
 * Records the run, its partitions and its empty table before the first page is read. Settings and keys
 * were already checked before the job started (exit 2 there, with nothing written); this step makes the
 * ledger the seal will later hold every partition to. Idempotent, for a resumed run.
 */
class Preflight implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(Preflight.class);

    private final ScanSettings settings;
    private final ApiKeys keys;
    private final ScanRuns runs;
    private final PartitionLedger ledger;
    private final RunTables tables;
    private final Clock clock;

    Preflight(ScanSettings settings, ApiKeys keys, ScanRuns runs, PartitionLedger ledger, RunTables tables, Clock clock) {
        this.settings = settings;
        this.keys = keys;
        this.runs = runs;
        this.ledger = ledger;
        this.tables = tables;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long runId = ScanJobConfiguration.runId(contribution.getStepExecution());
        JobParameters parameters = contribution.getStepExecution().getJobParameters();
        String tenant = parameters.getString(ScanCommand.TENANT);
        Instant endTime = ScanCommand.endTime(parameters);
        List<ScanPartition> partitions = ScanPartition.plan(settings);
        runs.begin(runId, tenant, keys.readKeyType(), settings, endTime, clock.instant());
        ledger.plan(runId, partitions);
        tables.create(runId);
        log.info("run {}: scanning {} of {} with the key in {} ({} partitions, pages of {}{})", runId,
                settings.assetTypes(), tenant, keys.readKeySource(), partitions.size(), settings.pageSize(),
                endTime == null ? "" : ", shares issued before " + endTime);
        return RepeatStatus.FINISHED;
    }
}
