package dev.dspm.scanner.snapshot;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Seals the run's snapshot once every partition is read: builds the primary key in one sorted pass
 * (which is also the duplicate check), removes repeated uids only when the key build finds one, counts
 * the stored rows of every partition in one grouped pass, judges each partition against what the API
 * promised, and publishes the table to readers. Counting rows rather than trusting step statuses is
 * deliberate: Spring Batch has had releases where a restarted partitioned step reported COMPLETED
 * without running its partitions (spring-batch 4736, 5099, 5158). A partition that never finished fails
 * the run. The verdict is the step's exit status, COMPLETE or INCOMPLETE, for later steps to branch on.
 */
public class Seal implements Tasklet {

    public static final String COMPLETE = "COMPLETE";
    public static final String INCOMPLETE = "INCOMPLETE";
    /** Job execution context key of the verdict, for steps that run after the seal. */
    static final String VERDICT = "snapshot.complete";

    private static final Logger log = LoggerFactory.getLogger(Seal.class);

    private final PartitionLedger ledger;
    private final Runs runs;
    private final RunTables tables;
    private final Clock clock;

    Seal(PartitionLedger ledger, Runs runs, RunTables tables, Clock clock) {
        this.ledger = ledger;
        this.runs = runs;
        this.tables = tables;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        long runId = RunParameters.runId(contribution.getStepExecution());
        List<PartitionRecord> partitions = ledger.partitions(runId);
        for (PartitionRecord partition : partitions) {
            if (!partition.finished()) {
                throw new IncompleteScanException("partition " + partition.key() + " never finished in run " + runId
                        + "; the snapshot is partial and will not be used");
            }
        }
        boolean sealed = runs.find(runId).map(Runs.Run::sealed).orElse(false);
        boolean complete = sealed ? partitions.stream().allMatch(p -> Boolean.TRUE.equals(p.complete())) : seal(runId, partitions);
        contribution.setExitStatus(new ExitStatus(complete ? COMPLETE : INCOMPLETE));
        contribution.getStepExecution().getJobExecution().getExecutionContext().put(VERDICT, complete);
        return RepeatStatus.FINISHED;
    }

    private boolean seal(long runId, List<PartitionRecord> partitions) {
        long started = System.nanoTime();
        if (!tables.addKey(runId)) {
            int removed = tables.removeRepeats(runId);
            log.warn("run {}: {} repeated copies of shares removed (the copy read last was kept)", runId, removed);
            if (!tables.addKey(runId)) {
                throw new IllegalStateException("run " + runId + " still repeats a uid after removing repeats");
            }
        }
        long keyed = System.nanoTime();
        List<RunTables.StoredCount> counts = tables.count(runId, partitions.stream().anyMatch(p -> p.ownerId() != null));
        long counted = System.nanoTime();
        boolean allComplete = true;
        for (PartitionRecord partition : partitions) {
            long stored = counts.stream().filter(count -> count.belongsTo(partition)).mapToLong(RunTables.StoredCount::rows).sum();
            boolean complete = partition.consistentWith(stored);
            ledger.judge(runId, partition.key(), stored, complete);
            if (!complete && partition.cutShort() != null) {
                allComplete = false;
                log.warn("run {}: {} is INCOMPLETE: {}; {} distinct shares stored", runId, partition.key(),
                        partition.cutShort(), stored);
            } else if (!complete) {
                allComplete = false;
                log.warn("run {}: {} is INCOMPLETE: the API reported total {} (first page {}{}), {} distinct shares stored;"
                        + " read {} time(s), the listing never held still", runId, partition.key(), partition.lastTotal(),
                        partition.firstTotal(), partition.totalChanged() ? ", changed between pages" : "", stored,
                        partition.pass());
            }
        }
        runs.seal(runId, allComplete, counts.stream().mapToLong(RunTables.StoredCount::rows).sum(), clock.instant());
        tables.publish(runId);
        log.debug("run {} sealed: key {} ms, counts {} ms, verdict and publishing {} ms", runId, (keyed - started) / 1_000_000,
                (counted - keyed) / 1_000_000, (System.nanoTime() - counted) / 1_000_000);
        return allComplete;
    }
}
