package dev.dspm.scanner.scan;

import java.util.List;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemWriter;

import dev.dspm.scanner.snapshot.ListedPage;
import dev.dspm.scanner.snapshot.PartitionLedger;
import dev.dspm.scanner.snapshot.PassTally;
import dev.dspm.scanner.snapshot.RunTables;
import dev.dspm.scanner.snapshot.SnapshotStore;

/**
 * Appends a chunk of pages to the run's table and, in the same transaction, what the pages said to the
 * ledger, so neither runs ahead of the other on a restart. The first page of a new pass (the partition
 * is being read again) first removes the earlier pass's rows. When the partition's step completes it
 * marks the partition finished, with the reason when its reader stopped at the bound before the end: the seal
 * fails the run for any partition that never got here.
 */
class SnapshotWriter implements ItemWriter<ListedPage>, StepExecutionListener {

    private final SnapshotStore store;
    private final RunTables tables;
    private final PartitionLedger ledger;
    private final long runId;
    private final ScanPartition partition;
    private final WriteTurns turns;

    SnapshotWriter(SnapshotStore store, RunTables tables, PartitionLedger ledger, long runId, ScanPartition partition,
            WriteTurns turns) {
        this.store = store;
        this.turns = turns;
        this.tables = tables;
        this.ledger = ledger;
        this.runId = runId;
        this.partition = partition;
    }

    @Override
    public void write(Chunk<? extends ListedPage> chunk) {
        turns.take(); // held until this chunk's transaction ends
        List<? extends ListedPage> pages = chunk.getItems();
        int pass = pages.get(pages.size() - 1).pass();
        if (pass > ledger.pass(runId, partition.key())) {
            tables.clear(runId, partition.planned());
        }
        List<ListedPage> current = pages.stream().filter(page -> page.pass() == pass).map(ListedPage.class::cast).toList();
        store.append(runId, current);
        ledger.record(runId, partition.key(), PassTally.of(pages, pass));
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (stepExecution.getStatus() == BatchStatus.COMPLETED) {
            ExecutionContext context = stepExecution.getExecutionContext();
            ledger.finish(runId, partition.key(),
                    context.containsKey(SharePageReader.CUT_SHORT) ? context.getString(SharePageReader.CUT_SHORT) : null);
        }
        return stepExecution.getExitStatus();
    }
}
