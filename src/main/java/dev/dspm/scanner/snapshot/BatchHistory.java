package dev.dspm.scanner.snapshot;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Spring Batch's own rows for runs that retention pruned: a run is a job instance (run id = instance id),
 * and its executions, parameters and contexts would otherwise grow forever beside the pruned snapshots.
 */
@Component
public class BatchHistory {

    private static final String EXECUTIONS = "SELECT JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = ?";

    private final JdbcClient jdbc;

    BatchHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void forget(long runId) {
        jdbc.sql("DELETE FROM BATCH_STEP_EXECUTION_CONTEXT WHERE STEP_EXECUTION_ID IN (SELECT STEP_EXECUTION_ID "
                + "FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID IN (" + EXECUTIONS + "))").param(runId).update();
        jdbc.sql("DELETE FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID IN (" + EXECUTIONS + ")").param(runId).update();
        jdbc.sql("DELETE FROM BATCH_JOB_EXECUTION_CONTEXT WHERE JOB_EXECUTION_ID IN (" + EXECUTIONS + ")").param(runId).update();
        jdbc.sql("DELETE FROM BATCH_JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID IN (" + EXECUTIONS + ")").param(runId).update();
        jdbc.sql("DELETE FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = ?").param(runId).update();
        jdbc.sql("DELETE FROM BATCH_JOB_INSTANCE WHERE JOB_INSTANCE_ID = ?").param(runId).update();
    }

    /**
     * Job instances that never recorded a run (they stopped before their first step, e.g. on a database
     * error) and were last executed before {@code cutoff}: they hold no snapshot and nothing resumes them.
     * An instance with no execution yet is another process starting its run, and is left alone.
     */
    void forgetOrphans(Instant cutoff, long current) {
        jdbc.sql("""
                SELECT i.JOB_INSTANCE_ID FROM BATCH_JOB_INSTANCE i
                WHERE i.JOB_INSTANCE_ID <> ?
                  AND NOT EXISTS (SELECT 1 FROM scan_run r WHERE r.run_id = i.JOB_INSTANCE_ID)
                  AND EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION e WHERE e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID)
                  AND NOT EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION e
                                  WHERE e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID AND e.CREATE_TIME >= ?)""")
                .params(current, Timestamp.from(cutoff))
                .query(Long.class).list()
                .forEach(this::forget);
    }
}
