package dev.dspm.scanner.policy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.scan.RejudgeCommand;
import dev.dspm.scanner.scan.RunScopes;

/** What the evaluation reads from and writes to {@code scan_run}, and the tables it keeps per run. */
@Component
public class JudgedRuns {

    /** The evaluation's rows of a run, in the tables every run shares: forgotten on a re-judge, pruned with the run. */
    public static final List<String> TABLES = List.of("finding", "run_policy", "run_waiver");

    private final JdbcClient jdbc;
    private final RunScopes scopes;

    JudgedRuns(JdbcClient jdbc, RunScopes scopes) {
        this.jdbc = jdbc;
        this.scopes = scopes;
    }

    /** The run a step of the evaluation (or after it) works on: the one named to re-judge, else its own job's. */
    public static long runId(StepExecution stepExecution) {
        Long named = stepExecution.getJobParameters().getLong(RejudgeCommand.JUDGED_RUN);
        return named != null ? named : stepExecution.getJobExecution().getJobInstance().getInstanceId();
    }

    JudgedRun find(long runId) {
        return jdbc.sql("SELECT tenant, started_at FROM scan_run WHERE run_id = ? AND sealed_at IS NOT NULL")
                .param(runId)
                .query((rs, n) -> {
                    String tenant = rs.getString(1);
                    return new JudgedRun(runId, tenant, rs.getTimestamp(2).toInstant(), scopes.of(runId).narrowed(),
                            previous(tenant, runId));
                })
                .optional()
                .orElseThrow(() -> new IllegalStateException("run " + runId + " has no sealed snapshot to judge"));
    }

    private Optional<Long> previous(String tenant, long runId) {
        return jdbc.sql("SELECT run_id FROM scan_run WHERE tenant = ? AND run_id < ? AND evaluated_at IS NOT NULL "
                + "ORDER BY run_id DESC FETCH FIRST 1 ROWS ONLY")
                .params(tenant, runId).query(Long.class).optional();
    }

    /** The run's evaluation undone, for it to be judged again. */
    void forget(long runId) {
        for (String table : TABLES) {
            jdbc.sql("DELETE FROM " + table + " WHERE run_id = ?").param(runId).update();
        }
        jdbc.sql("UPDATE scan_run SET evaluated_at = NULL WHERE run_id = ?").param(runId).update();
    }

    void evaluated(long runId, Instant at) {
        jdbc.sql("UPDATE scan_run SET evaluated_at = ? WHERE run_id = ?").params(Timestamp.from(at), runId).update();
    }
}
