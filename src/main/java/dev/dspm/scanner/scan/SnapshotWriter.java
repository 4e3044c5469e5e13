package dev.dspm.scanner.scan;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import dev.dspm.scanner.manus.Asset;

/**
 * Upserts a chunk into the snapshot and, in the same transaction, what its pages said into the ledger.
 * When the partition's step completes it marks the partition finished: the completeness check
 * fails the run for any partition that never got here.
 */
class SnapshotWriter implements ItemWriter<Asset>, StepExecutionListener {

    private final SnapshotStore store;
    private final PartitionLedger ledger;
    private final PageTally tally;
    private final long runId;
    private final String partitionKey;

    SnapshotWriter(SnapshotStore store, PartitionLedger ledger, PageTally tally, long runId, String partitionKey) {
        this.store = store;
        this.ledger = ledger;
        this.tally = tally;
        this.runId = runId;
        this.partitionKey = partitionKey;
    }

    @Override
    public void write(Chunk<? extends Asset> chunk) {
        store.upsert(runId, chunk.getItems());
        ledger.record(runId, partitionKey, chunk.size(), tally.drain());
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (stepExecution.getStatus() == BatchStatus.COMPLETED) {
            ledger.record(runId, partitionKey, 0, tally.drain());
            ledger.finish(runId, partitionKey);
        }
        return stepExecution.getExitStatus();
    }
}
