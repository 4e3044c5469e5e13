package dev.dspm.scanner.scan;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dev.dspm.scanner.manus.ApiKeys;

/**
 * Records the run and its partitions before the first request. Settings and keys were already
 * checked before the job started (exit 2 there, with nothing written); this step makes the
 * ledger the completeness check will later hold every partition to.
 */
class Preflight implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(Preflight.class);

    private final ScanSettings settings;
    private final ApiKeys keys;
    private final String tenant;
    private final ScanRuns runs;
    private final PartitionLedger ledger;
    private final Clock clock;

    Preflight(ScanSettings settings, ApiKeys keys, String tenant, ScanRuns runs, PartitionLedger ledger, Clock clock) {
        this.settings = settings;
        this.keys = keys;
        this.tenant = tenant;
        this.runs = runs;
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long runId = ScanJobConfiguration.runId(contribution.getStepExecution());
        List<ScanPartition> partitions = ScanPartition.plan(settings);
        runs.begin(runId, tenant, keys.readKeyType(), settings, clock.instant());
        ledger.plan(runId, partitions);
        log.info("run {}: scanning {} of {} with the {} key ({} partitions, pages of {})", runId,
                settings.assetTypes(), tenant, keys.readKeyType(), partitions.size(), settings.pageSize());
        return RepeatStatus.FINISHED;
    }
}
