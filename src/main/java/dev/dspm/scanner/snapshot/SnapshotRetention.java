package dev.dspm.scanner.snapshot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Runs after every sealed run, for its tenant only. Keeps the newest {@code dspm.retention.keep-runs}
 * sealed runs, and always the newest complete one (a month of incomplete nights must not leave nothing
 * to compare with); prunes runs that failed or stopped longer ago than
 * {@code dspm.retention.failed-runs-max-age} and the resume window. Failed runs never count towards
 * keep-runs, so a week of failed nights (an expired key) costs no good snapshot. A run goes whole: its
 * table dropped (no row-by-row delete, whatever its size), its ledger rows, and Spring Batch's own rows
 * for it. One run per call: Spring Batch commits each call of a CONTINUABLE tasklet on its own.
 */
public class SnapshotRetention implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(SnapshotRetention.class);

    private final JdbcClient jdbc;
    private final Runs runs;
    private final RunTables tables;
    private final BatchHistory history;
    private final RetentionSettings settings;
    private final Duration resumeWithin;
    private final Clock clock;

    /** @param resumeWithin {@code dspm.scan.resume-within}: a failed run the next start could resume is never pruned */
    public SnapshotRetention(JdbcClient jdbc, Runs runs, RunTables tables, BatchHistory history, RetentionSettings settings,
            Duration resumeWithin, Clock clock) {
        this.jdbc = jdbc;
        this.tables = tables;
        this.history = history;
        this.runs = runs;
        this.settings = settings;
        this.resumeWithin = resumeWithin;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long current = RunParameters.runId(contribution.getStepExecution());
        String tenant = contribution.getStepExecution().getJobParameters().getString(RunParameters.TENANT);
        Object verdict = contribution.getStepExecution().getJobExecution().getExecutionContext().get(Seal.VERDICT);
        Optional<Long> expired = nextExpired(tenant, current, Boolean.TRUE.equals(verdict));
        if (expired.isPresent()) {
            long runId = expired.get();
            long started = System.nanoTime();
            tables.drop(runId);
            long dropped = System.nanoTime();
            for (RunRecords records : RunRecords.values()) {
                jdbc.sql("DELETE FROM " + records.table() + " WHERE run_id = ?").param(runId).update();
            }
            runs.delete(runId);
            history.forget(runId);
            contribution.incrementWriteCount(1);
            log.info("retention: pruned run {} of {} (its table in {} ms, its records in {} ms)", runId, tenant,
                    (dropped - started) / 1_000_000, (System.nanoTime() - dropped) / 1_000_000);
            return RepeatStatus.CONTINUABLE;
        }
        history.forgetOrphans(cutoff(), current);
        return RepeatStatus.FINISHED;
    }

    private Optional<Long> nextExpired(String tenant, long current, boolean currentComplete) {
        List<Runs.Run> others = runs.others(tenant, current);
        // The run being sealed now is the newest sealed one and counts towards keep-runs.
        int keptSealed = 1;
        boolean keptComplete = currentComplete;
        Instant cutoff = cutoff();
        List<Long> expired = new ArrayList<>();
        for (Runs.Run run : others) {
            boolean complete = Boolean.TRUE.equals(run.complete());
            if (run.sealed()) {
                boolean newestComplete = complete && !keptComplete;
                if (keptSealed < settings.keepRuns() || newestComplete) {
                    keptSealed++;
                    keptComplete |= complete;
                } else {
                    expired.add(run.runId());
                }
            } else if ((run.finishedAt() != null ? run.finishedAt() : run.startedAt()).isBefore(cutoff)) {
                expired.add(run.runId());
            }
        }
        return expired.stream().min(Long::compare);
    }

    /** Unsealed runs older than this are pruned; never one the next start could still resume. */
    private Instant cutoff() {
        Duration age = settings.failedRunsMaxAge().compareTo(resumeWithin) > 0
                ? settings.failedRunsMaxAge() : resumeWithin;
        return clock.instant().minus(age);
    }
}
