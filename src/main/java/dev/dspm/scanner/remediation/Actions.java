package dev.dspm.scanner.remediation;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.snapshot.RunRecords;
import dev.dspm.scanner.snapshot.SnapshotDatabase;

/**
 * The {@code remediation_action} and {@code run_remediation} rows. The remediation step runs outside a transaction,
 * so each change here is committed when the call returns: an action is IN_FLIGHT in the database before its request
 * leaves, whatever happens to the process after.
 */
@Component
class Actions {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final boolean h2;

    Actions(JdbcClient jdbc, SnapshotDatabase database, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.h2 = database == SnapshotDatabase.H2;
    }

    /** Whether the run's plan is already made (a restarted run does not plan again). */
    boolean planned(long runId) {
        return jdbc.sql("SELECT COUNT(*) FROM run_remediation WHERE run_id = ?").param(runId).query(Long.class).single() > 0;
    }

    /** Whether any action of the run was sent: then its remediation is the record of what it did to the tenant. */
    boolean sent(long runId) {
        return jdbc.sql("SELECT COUNT(*) FROM remediation_action WHERE run_id = ? AND status IN ('APPLIED', 'FAILED', "
                + "'IN_FLIGHT')").param(runId).query(Long.class).single() > 0;
    }

    /** The run's remediation undone, for it to be planned again. */
    void forget(long runId) {
        for (String table : RunRecords.tables(RunRecords.Stage.REMEDIATION)) {
            jdbc.sql("DELETE FROM " + table + " WHERE run_id = ?").param(runId).update();
        }
    }

    /** Before a plan is written (in the same transaction): nothing of an earlier attempt may remain. */
    void beginPlan(long runId) {
        jdbc.sql("DELETE FROM remediation_action WHERE run_id = ?").param(runId).update();
    }

    /** The run's row: its presence says the plan is whole. */
    void endPlan(long runId, RemediationSettings settings) {
        jdbc.sql("INSERT INTO run_remediation (run_id, mode, approved_plan, reverted_run) VALUES (?, ?, ?, ?)")
                .params(runId, settings.mode().name(), settings.approvedPlan(), settings.revert()).update();
    }

    List<Action> inStatus(long runId, ActionStatus status) {
        return jdbc.sql("SELECT share_uid, policy_id, asset_type, asset_name, owner_id, from_scope, to_scope, note, status, "
                + "reason FROM remediation_action WHERE run_id = ? AND status = ? ORDER BY share_uid")
                .params(runId, status.name())
                .query((rs, n) -> new Action(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        ActionStatus.valueOf(rs.getString(9)),
                        rs.getString(10) == null ? null : SkipReason.valueOf(rs.getString(10))))
                .list();
    }

    /** The statuses the run's actions have, counted in one scan of them. */
    Map<ActionStatus, Long> counts(long runId) {
        Map<ActionStatus, Long> counts = new EnumMap<>(ActionStatus.class);
        jdbc.sql("SELECT status, COUNT(*) FROM remediation_action WHERE run_id = ? GROUP BY status").param(runId)
                .query(rs -> {
                    counts.put(ActionStatus.valueOf(rs.getString(1)), rs.getLong(2));
                });
        return counts;
    }

    long count(long runId, ActionStatus status) {
        return jdbc.sql("SELECT COUNT(*) FROM remediation_action WHERE run_id = ? AND status = ?").params(runId, status.name())
                .query(Long.class).single();
    }

    void inFlight(long runId, Action action) {
        mark(runId, action, ActionStatus.IN_FLIGHT, null, null, null);
        onDisk();
    }

    void applied(long runId, Action action, String requestId) {
        mark(runId, action, ActionStatus.APPLIED, null, requestId, null);
        onDisk();
    }

    void failed(long runId, Action action, String error) {
        mark(runId, action, ActionStatus.FAILED, null, null, error);
    }

    void skipped(long runId, Action action, SkipReason reason) {
        mark(runId, action, ActionStatus.SKIPPED, reason, null, null);
    }

    /** Back to PLANNED: an IN_FLIGHT action whose share shows it never took effect, to be sent (once) again. */
    void replan(long runId, Action action) {
        mark(runId, action, ActionStatus.PLANNED, null, null, null);
    }

    Optional<HeldBack> heldBack(long runId) {
        return jdbc.sql("SELECT held_back FROM run_remediation WHERE run_id = ? AND held_back IS NOT NULL").param(runId)
                .query(String.class).optional().map(HeldBack::valueOf);
    }

    void holdBack(long runId, HeldBack why, String detail) {
        jdbc.sql("UPDATE run_remediation SET held_back = ?, detail = ? WHERE run_id = ?").params(why.name(), detail, runId)
                .update();
    }

    /**
     * H2 writes a commit to its file up to half a second later (WRITE_DELAY): a process killed meanwhile would
     * lose the record of a call it made. Around a call, that record must be on disk before anything else happens.
     */
    private void onDisk() {
        if (h2) {
            jdbc.sql("CHECKPOINT SYNC").update();
        }
    }

    private void mark(long runId, Action action, ActionStatus status, SkipReason reason, String requestId, String error) {
        jdbc.sql("UPDATE remediation_action SET status = ?, reason = ?, request_id = ?, error = ?, updated_at = ? "
                + "WHERE run_id = ? AND share_uid = ?")
                .params(status.name(), reason == null ? null : reason.name(), requestId,
                        error == null ? null : error.substring(0, Math.min(error.length(), 2_000)),
                        Timestamp.from(clock.instant()), runId, action.shareUid())
                .update();
    }
}
