package dev.dspm.scanner.snapshot;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.manus.KeyType;

/**
 * The {@code scan_run} table, and the only class that reads or writes it: one row per run, with the scope, settings
 * and key it ran with, when it was sealed and judged, and how it ended.
 */
@Component
public class Runs {

    private static final String COLUMNS = "run_id, tenant, started_at, finished_at, status, complete, read_key_type, "
            + "asset_types, owner_ids, keyword, shared_after, shared_before, end_time, sealed_at, evaluated_at";

    /**
     * One run as {@code scan_run} records it.
     *
     * @param endTime  the listing's pinned end ({@code end_time}), when the run pinned it
     * @param complete the seal's verdict; null until sealed
     */
    public record Run(long runId, String tenant, Instant startedAt, Instant finishedAt, String status, Boolean complete,
            String readKeyType, ScanScope scope, Instant endTime, Instant sealedAt, Instant evaluatedAt) {

        public boolean sealed() {
            return sealedAt != null;
        }

        public boolean judged() {
            return evaluatedAt != null;
        }
    }

    private final JdbcClient jdbc;

    public Runs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Run> find(long runId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM scan_run WHERE run_id = ?").param(runId).query(Runs::run).optional();
    }

    /** The tenant's newest run, whatever became of it. */
    public Optional<Long> newest(String tenant) {
        return jdbc.sql("SELECT MAX(run_id) FROM scan_run WHERE tenant = ?").param(tenant).query(Long.class).optional();
    }

    /** The tenant's judged run just before this one: the run whose findings this one carries forward or resolves. */
    public Optional<Long> previousJudged(String tenant, long runId) {
        return jdbc.sql("SELECT run_id FROM scan_run WHERE tenant = ? AND run_id < ? AND evaluated_at IS NOT NULL "
                + "ORDER BY run_id DESC FETCH FIRST 1 ROWS ONLY").params(tenant, runId).query(Long.class).optional();
    }

    /** Whether no later run of the tenant has been judged (a run judged again after later ones is not the newest). */
    public boolean newestJudged(String tenant, long runId) {
        return jdbc.sql("SELECT COUNT(*) FROM scan_run WHERE tenant = ? AND run_id > ? AND evaluated_at IS NOT NULL")
                .params(tenant, runId).query(Long.class).single() == 0;
    }

    /** Every judged run of the tenant up to this one, oldest first. */
    public List<Run> judged(String tenant, long upTo) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM scan_run WHERE tenant = ? AND run_id <= ? AND evaluated_at IS NOT NULL "
                + "ORDER BY run_id").params(tenant, upTo).query(Runs::run).list();
    }

    /**
     * The tenant's newest snapshot a re-judge may take without being named: sealed, complete, of the whole tenant (not
     * filtered) and of a job that finished, so that its findings are not half a night's.
     */
    public Optional<Long> newestJudgeable(String tenant) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM scan_run WHERE tenant = ? AND sealed_at IS NOT NULL AND complete "
                + "ORDER BY run_id DESC").param(tenant).query(Runs::run).stream()
                .filter(run -> !run.scope().filtered() && finished(run.runId())).map(Run::runId).findFirst();
    }

    /** Whether the run's own job (its last execution) completed: a run that did not will be resumed. */
    public boolean finished(long runId) {
        return jdbc.sql("SELECT status FROM batch_job_execution WHERE job_instance_id = ? ORDER BY job_execution_id DESC "
                + "FETCH FIRST 1 ROWS ONLY").param(runId).query(String.class).optional().map("COMPLETED"::equals).orElse(false);
    }

    /** Idempotent: a resumed run keeps its row, start time and pinned end time. */
    public void begin(long runId, String tenant, KeyType keyType, ScanScope scope, int pageSize, Instant endTime, Instant startedAt) {
        int exists = jdbc.sql("SELECT COUNT(*) FROM scan_run WHERE run_id = ?").param(runId).query(Integer.class).single();
        if (exists > 0) {
            jdbc.sql("UPDATE scan_run SET status = 'RUNNING', finished_at = NULL WHERE run_id = ?").param(runId).update();
            return;
        }
        jdbc.sql("""
                INSERT INTO scan_run (run_id, tenant, started_at, status, read_key_type, asset_types, owner_ids, keyword,
                                      shared_after, shared_before, page_size, end_time)
                VALUES (?, ?, ?, 'RUNNING', ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(runId, tenant, Timestamp.from(startedAt), keyType.name(), String.join(",", scope.assetTypes()),
                        scope.ownerIds().isEmpty() ? null : String.join(",", scope.ownerIds()), scope.keyword(),
                        timestamp(scope.sharedAfter()), timestamp(scope.sharedBefore()), pageSize, timestamp(endTime))
                .update();
    }

    void seal(long runId, boolean complete, long shares, Instant sealedAt) {
        jdbc.sql("UPDATE scan_run SET status = 'COMPLETED', complete = ?, shares = ?, sealed_at = ?, finished_at = ? "
                + "WHERE run_id = ?")
                .params(complete, shares, Timestamp.from(sealedAt), Timestamp.from(sealedAt), runId).update();
    }

    /** A run that did not complete: FAILED, or STOPPED when asked to stop. */
    public void end(long runId, String status, Instant finishedAt) {
        jdbc.sql("UPDATE scan_run SET status = ?, finished_at = ? WHERE run_id = ? AND sealed_at IS NULL")
                .params(status, Timestamp.from(finishedAt), runId).update();
    }

    /** The run's findings are whole: it is judged. */
    public void judged(long runId, Instant at) {
        jdbc.sql("UPDATE scan_run SET evaluated_at = ? WHERE run_id = ?").params(Timestamp.from(at), runId).update();
    }

    /** The run is being judged again: not judged until then. */
    public void unjudged(long runId) {
        jdbc.sql("UPDATE scan_run SET evaluated_at = NULL WHERE run_id = ?").param(runId).update();
    }

    /** The tenant's other runs, newest first, for retention. */
    List<Run> others(String tenant, long runId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM scan_run WHERE tenant = ? AND run_id <> ? ORDER BY run_id DESC")
                .params(tenant, runId).query(Runs::run).list();
    }

    void delete(long runId) {
        jdbc.sql("DELETE FROM scan_run WHERE run_id = ?").param(runId).update();
    }

    private static Run run(ResultSet rs, int row) throws SQLException {
        return new Run(rs.getLong(1), rs.getString(2), instant(rs, 3), instant(rs, 4), rs.getString(5),
                rs.getObject(6, Boolean.class), rs.getString(7), new ScanScope(list(rs.getString(8)), list(rs.getString(9)),
                        rs.getString(10), instant(rs, 11), instant(rs, 12)), instant(rs, 13), instant(rs, 14), instant(rs, 15));
    }

    private static List<String> list(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
