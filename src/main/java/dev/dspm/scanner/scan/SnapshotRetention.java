package dev.dspm.scanner.scan;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps the newest {@code dspm.retention.keep-runs} runs. Runs only after a successful run, and
 * deletes one batch per call: Spring Batch commits each call of a CONTINUABLE tasklet on its own,
 * so pruning a million-row snapshot never holds one huge transaction or lock.
 */
class SnapshotRetention implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(SnapshotRetention.class);
    static final int BATCH = 10_000;

    private final JdbcClient jdbc;
    private final int keepRuns;

    SnapshotRetention(JdbcClient jdbc, int keepRuns) {
        this.jdbc = jdbc;
        this.keepRuns = keepRuns;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        Optional<Long> expired = oldestExpiredRun();
        if (expired.isEmpty()) {
            return RepeatStatus.FINISHED;
        }
        long runId = expired.get();
        int deleted = jdbc.sql("DELETE FROM share_snapshot WHERE run_id = ? AND uid IN "
                + "(SELECT uid FROM share_snapshot WHERE run_id = ? FETCH FIRST " + BATCH + " ROWS ONLY)")
                .params(runId, runId).update();
        contribution.incrementWriteCount(deleted);
        if (deleted < BATCH) {
            jdbc.sql("DELETE FROM scan_partition WHERE run_id = ?").param(runId).update();
            jdbc.sql("DELETE FROM scan_run WHERE run_id = ?").param(runId).update();
            log.info("retention: pruned run {}; keeping the newest {} runs", runId, keepRuns);
        }
        return RepeatStatus.CONTINUABLE;
    }

    private Optional<Long> oldestExpiredRun() {
        return jdbc.sql("SELECT run_id FROM scan_run WHERE status <> 'RUNNING' ORDER BY run_id DESC")
                .query(Long.class).list().stream().skip(keepRuns).reduce((newer, older) -> older);
    }
}
