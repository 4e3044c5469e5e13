package dev.dspm.scanner.scan;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.dspm.scanner.policy.JudgedRuns;

/**
 * Runs after every sealed run, for its tenant only. Keeps the newest {@code dspm.retention.keep-runs}
 * sealed runs, and always the newest complete one (a month of incomplete nights must not leave nothing
 * to compare with); prunes runs that failed or stopped longer ago than
 * {@code dspm.retention.failed-runs-max-age} and the resume window. Failed runs never count towards
 * keep-runs, so a week of failed nights (an expired key) costs no good snapshot. A run goes whole: its
 * table dropped (no row-by-row delete, whatever its size), its ledger rows, and Spring Batch's own rows
 * for it. One run per call: Spring Batch commits each call of a CONTINUABLE tasklet on its own.
 */
class SnapshotRetention implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(SnapshotRetention.class);

    /** A pruned run's rows in the tables shared by every run, its own row last. */
    private static final List<String> RUN_RECORDS = Stream.concat(JudgedRuns.TABLES.stream(),
            Stream.of("remediation_action", "run_remediation", "run_owner", "run_owners", "scan_partition")).toList();

    private final JdbcClient jdbc;
    private final RunTables tables;
    private final BatchHistory history;
    private final ScanSettings settings;
    private final Clock clock;

    SnapshotRetention(JdbcClient jdbc, RunTables tables, BatchHistory history, ScanSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.tables = tables;
        this.history = history;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long current = ScanJobConfiguration.runId(contribution.getStepExecution());
        String tenant = contribution.getStepExecution().getJobParameters().getString(ScanCommand.TENANT);
        Object verdict = contribution.getStepExecution().getJobExecution().getExecutionContext().get(Seal.VERDICT);
        Optional<Long> expired = nextExpired(tenant, current, Boolean.TRUE.equals(verdict));
        if (expired.isPresent()) {
            long runId = expired.get();
            long started = System.nanoTime();
            tables.drop(runId);
            long dropped = System.nanoTime();
            for (String table : RUN_RECORDS) {
                jdbc.sql("DELETE FROM " + table + " WHERE run_id = ?").param(runId).update();
            }
            jdbc.sql("DELETE FROM scan_run WHERE run_id = ?").param(runId).update();
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
        List<RunRow> runs = jdbc.sql("SELECT run_id, sealed_at IS NOT NULL, complete, COALESCE(finished_at, started_at) "
                + "FROM scan_run WHERE tenant = ? AND run_id <> ? ORDER BY run_id DESC")
                .params(tenant, current)
                .query((rs, n) -> new RunRow(rs.getLong(1), rs.getBoolean(2), rs.getBoolean(3), rs.getTimestamp(4)))
                .list();
        // The run being sealed now is the newest sealed one and counts towards keep-runs.
        int keptSealed = 1;
        boolean keptComplete = currentComplete;
        Instant cutoff = cutoff();
        List<Long> expired = new ArrayList<>();
        for (RunRow run : runs) {
            if (run.sealed()) {
                boolean newestComplete = run.complete() && !keptComplete;
                if (keptSealed < settings.keepRuns() || newestComplete) {
                    keptSealed++;
                    keptComplete |= run.complete();
                } else {
                    expired.add(run.runId());
                }
            } else if (run.ended().toInstant().isBefore(cutoff)) {
                expired.add(run.runId());
            }
        }
        return expired.stream().min(Long::compare);
    }

    /** Unsealed runs older than this are pruned; never one the next start could still resume. */
    private Instant cutoff() {
        Duration age = settings.failedRunsMaxAge().compareTo(settings.resumeWithin()) > 0
                ? settings.failedRunsMaxAge() : settings.resumeWithin();
        return clock.instant().minus(age);
    }

    private record RunRow(long runId, boolean sealed, boolean complete, Timestamp ended) {
    }
}
