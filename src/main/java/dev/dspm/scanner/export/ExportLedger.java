package dev.dspm.scanner.export;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.dspm.scanner.export.ExportCounts.ExportStatus;
import dev.dspm.scanner.snapshot.SnapshotDatabase;

/**
 * The tables {@code run_export} and {@code export_batch}: what each run sent, committed the moment it changes, in a
 * transaction of its own (the push reads the run's events in a long one beside it).
 */
@Component
class ExportLedger {

    /** A batch of a run's push. */
    enum BatchStatus {
        IN_FLIGHT, SENT, FAILED
    }

    /**
     * @param firstEvent the index of its first event in the run's events, in their order
     * @param attempts   requests made for it, across processes
     */
    record Batch(int batchNo, long firstEvent, int events, BatchStatus status, int attempts) {

        long end() {
            return firstEvent + events;
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate own;
    private final Clock clock;
    private final boolean h2;

    ExportLedger(JdbcClient jdbc, PlatformTransactionManager transactions, SnapshotDatabase database, Clock clock) {
        this.jdbc = jdbc;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.h2 = database == SnapshotDatabase.H2;
    }

    Optional<ExportStatus> status(long runId) {
        return jdbc.sql("SELECT status FROM run_export WHERE run_id = ?").param(runId)
                .query((rs, n) -> ExportStatus.valueOf(rs.getString(1))).optional();
    }

    void begin(long runId, String target, ExportSettings.Format format) {
        write("INSERT INTO run_export (run_id, target, format, status, started_at) VALUES (?, ?, ?, 'SENDING', ?)", runId,
                target, format.name(), now());
    }

    /** Every batch of the run's push so far, in order. */
    List<Batch> batches(long runId) {
        return jdbc.sql("SELECT batch_no, first_event, events, status, attempts FROM export_batch WHERE run_id = ? "
                + "ORDER BY batch_no").param(runId)
                .query((rs, n) -> new Batch(rs.getInt(1), rs.getLong(2), rs.getInt(3), BatchStatus.valueOf(rs.getString(4)),
                        rs.getInt(5)))
                .list();
    }

    /** A new batch, before its first request. */
    void inFlight(long runId, Batch batch, long bytes) {
        write("INSERT INTO export_batch (run_id, batch_no, first_event, events, bytes, status, attempts, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, 'IN_FLIGHT', 0, ?)", runId, batch.batchNo(), batch.firstEvent(), batch.events(), bytes,
                now());
    }

    /** A request of the batch is about to leave: counted first, so that one a dying process sent is counted too. */
    void attempt(long runId, int batchNo) {
        write("UPDATE export_batch SET attempts = attempts + 1, updated_at = ? WHERE run_id = ? AND batch_no = ?", now(), runId,
                batchNo);
    }

    void sent(long runId, int batchNo, int httpStatus) {
        write("UPDATE export_batch SET status = 'SENT', http_status = ?, error = NULL, updated_at = ? "
                + "WHERE run_id = ? AND batch_no = ?", httpStatus, now(), runId, batchNo);
    }

    void failed(long runId, int batchNo, Integer httpStatus, String error) {
        write("UPDATE export_batch SET status = 'FAILED', http_status = ?, error = ?, updated_at = ? "
                + "WHERE run_id = ? AND batch_no = ?", httpStatus, clip(error), now(), runId, batchNo);
    }

    void finish(long runId, ExportStatus status, Long events, String error) {
        write("UPDATE run_export SET status = ?, events = ?, error = ?, finished_at = ? WHERE run_id = ?", status.name(),
                events, clip(error), now(), runId);
    }

    Optional<ExportCounts> counts(long runId) {
        return jdbc.sql("""
                SELECT e.target, e.status, e.events, e.error,
                       (SELECT COALESCE(SUM(b.events), 0) FROM export_batch b WHERE b.run_id = e.run_id AND b.status = 'SENT'),
                       (SELECT COUNT(*) FROM export_batch b WHERE b.run_id = e.run_id AND b.status = 'SENT'),
                       (SELECT COUNT(*) FROM export_batch b WHERE b.run_id = e.run_id AND b.status = 'SENT' AND b.attempts > 1)
                FROM run_export e WHERE e.run_id = ?""").param(runId)
                .query((rs, n) -> new ExportCounts(rs.getString(1), ExportStatus.valueOf(rs.getString(2)),
                        rs.getObject(3, Long.class), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getString(4)))
                .optional();
    }

    /**
     * Committed, and on disk before the request it records leaves or the next one does: H2 writes a commit to its file
     * up to half a second later (WRITE_DELAY), and a process killed meanwhile would forget a batch the collector took,
     * and send it again.
     */
    private void write(String sql, Object... params) {
        own.executeWithoutResult(status -> jdbc.sql(sql).params(params).update());
        if (h2) {
            own.executeWithoutResult(status -> jdbc.sql("CHECKPOINT SYNC").update());
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static String clip(String text) {
        return text == null || text.length() <= 2_000 ? text : text.substring(0, 1_997) + "...";
    }
}
