package dev.dspm.scanner.scan;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.manus.KeyType;

/** The {@code scan_run} table: one row per run, with the settings and key it ran with, and its outcome. */
@Component
class ScanRuns {

    private final JdbcClient jdbc;

    ScanRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Idempotent: a resumed run keeps its row, start time and pinned end time. */
    void begin(long runId, String tenant, KeyType keyType, ScanSettings settings, Instant endTime, Instant startedAt) {
        int exists = jdbc.sql("SELECT COUNT(*) FROM scan_run WHERE run_id = ?").param(runId).query(Integer.class).single();
        if (exists > 0) {
            jdbc.sql("UPDATE scan_run SET status = 'RUNNING', finished_at = NULL WHERE run_id = ?").param(runId).update();
            return;
        }
        jdbc.sql("""
                INSERT INTO scan_run (run_id, tenant, started_at, status, read_key_type, asset_types, owner_ids, keyword,
                                      shared_after, shared_before, page_size, end_time)
                VALUES (?, ?, ?, 'RUNNING', ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(runId, tenant, Timestamp.from(startedAt), keyType.name(),
                        String.join(",", settings.assetTypes().stream().map(Enum::name).toList()),
                        settings.ownerIds().isEmpty() ? null : String.join(",", settings.ownerIds()),
                        settings.keyword(), timestamp(settings.sharedAfter()), timestamp(settings.sharedBefore()),
                        settings.pageSize(), timestamp(endTime))
                .update();
    }

    boolean isSealed(long runId) {
        return jdbc.sql("SELECT COUNT(*) FROM scan_run WHERE run_id = ? AND sealed_at IS NOT NULL")
                .param(runId).query(Integer.class).single() > 0;
    }

    void seal(long runId, boolean complete, long shares, Instant sealedAt) {
        jdbc.sql("UPDATE scan_run SET status = 'COMPLETED', complete = ?, shares = ?, sealed_at = ?, finished_at = ? "
                + "WHERE run_id = ?")
                .params(complete, shares, Timestamp.from(sealedAt), Timestamp.from(sealedAt), runId).update();
    }

    /** A run that did not complete: FAILED, or STOPPED when asked to stop. */
    void end(long runId, String status, Instant finishedAt) {
        jdbc.sql("UPDATE scan_run SET status = ?, finished_at = ? WHERE run_id = ? AND sealed_at IS NULL")
                .params(status, Timestamp.from(finishedAt), runId).update();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
