package dev.dspm.scanner.remediation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What keeps a whole plan from being applied, checked before the first call, in plan mode too (so that the report
 * says what apply would have done): a scan that was not complete, a snapshot too old to act on, a plan too large.
 */
@Component
class Guardrails {

    /** The guardrail that holds, and the sentence saying why and what to change. */
    record Hold(HeldBack why, String detail) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    Guardrails(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<Hold> check(long runId, long planned, RemediationSettings settings) {
        long incomplete = jdbc.sql("SELECT COUNT(*) FROM scan_partition WHERE run_id = ? AND (complete IS NULL OR NOT complete)")
                .param(runId).query(Long.class).single();
        boolean sealedComplete = jdbc.sql("SELECT complete FROM scan_run WHERE run_id = ?").param(runId)
                .query(Boolean.class).optional().orElse(false);
        if (incomplete > 0 || !sealedComplete) {
            return Optional.of(new Hold(HeldBack.INCOMPLETE_SCAN, "the scan of run " + runId + " was not complete ("
                    + incomplete + " partition" + (incomplete == 1 ? "" : "s") + " incomplete or failed): no share is "
                    + "changed on an inventory cut short; the next complete run can act"));
        }
        Instant snapshotAt = snapshotAt(runId);
        Duration age = Duration.between(snapshotAt, clock.instant());
        if (age.compareTo(settings.maxSnapshotAge()) > 0) {
            return Optional.of(new Hold(HeldBack.SNAPSHOT_TOO_OLD, "the snapshot of run " + runId + " was taken at "
                    + snapshotAt + ", " + age.toMinutes() + " min ago, more than dspm.remediation.max-snapshot-age="
                    + settings.maxSnapshotAge() + ": no share is changed on an old picture; the next run's fresh snapshot can act"));
        }
        if (planned > settings.maxActions()) {
            return Optional.of(new Hold(HeldBack.TOO_MANY_ACTIONS, "the plan has " + planned + " actions, more than "
                    + "dspm.remediation.max-actions=" + settings.maxActions() + ": none is applied (a broken policy must not "
                    + "rewrite a tenant). Review the plan in report.html; if it is right, raise dspm.remediation.max-actions "
                    + "to at least " + planned + ", or apply it as reviewed with dspm.remediation.approved-plan=" + runId));
        }
        return Optional.empty();
    }

    /** When the run began to list the tenant: its snapshot is no newer than that. */
    Instant snapshotAt(long runId) {
        return jdbc.sql("SELECT started_at FROM scan_run WHERE run_id = ?").param(runId).query(Timestamp.class)
                .single().toInstant();
    }
}
