package dev.dspm.scanner.scan;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Holds every planned partition to what the API promised, by counting rows in the database rather
 * than trusting step statuses: Spring Batch has had releases where a restarted partitioned step
 * reported COMPLETED without running its partitions (spring-batch 4736, 5099, 5158).
 * A partition that never finished fails the run; one whose set changed under offset paging
 * (total moved, or stored != total) is recorded incomplete, and later steps must not act on it.
 */
class CompletenessCheck implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(CompletenessCheck.class);

    private final PartitionLedger ledger;
    private final ScanRuns runs;
    private final JdbcClient jdbc;
    private final Clock clock;

    CompletenessCheck(PartitionLedger ledger, ScanRuns runs, JdbcClient jdbc, Clock clock) {
        this.ledger = ledger;
        this.runs = runs;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long runId = ScanJobConfiguration.runId(contribution.getStepExecution());
        boolean allComplete = true;
        long shares = 0;
        for (PartitionRecord partition : ledger.partitions(runId)) {
            if (!partition.finished()) {
                throw new IncompleteScanException("partition " + partition.key() + " never finished in run " + runId
                        + "; the snapshot is partial and will not be used");
            }
            long stored = stored(runId, partition);
            boolean complete = !partition.totalChanged() && partition.lastTotal() != null && stored == partition.lastTotal();
            ledger.judge(runId, partition.key(), stored, complete);
            shares += stored;
            if (!complete) {
                allComplete = false;
                log.warn("run {}: {} is INCOMPLETE: the API reported total {} (first page {}{}), {} distinct shares stored;"
                        + " the set changed while it was paged", runId, partition.key(), partition.lastTotal(),
                        partition.firstTotal(), partition.totalChanged() ? ", changed between pages" : "", stored);
            }
        }
        runs.finish(runId, "COMPLETED", allComplete, shares, clock.instant());
        return RepeatStatus.FINISHED;
    }

    private long stored(long runId, PartitionRecord partition) {
        if (partition.ownerId() == null) {
            return jdbc.sql("SELECT COUNT(*) FROM share_snapshot WHERE run_id = ? AND asset_type = ?")
                    .params(runId, partition.assetType()).query(Long.class).single();
        }
        return jdbc.sql("SELECT COUNT(*) FROM share_snapshot WHERE run_id = ? AND asset_type = ? AND owner_id = ?")
                .params(runId, partition.assetType(), partition.ownerId()).query(Long.class).single();
    }
}
