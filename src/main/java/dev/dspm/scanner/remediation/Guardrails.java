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
        // An approved plan was reviewed whole, its size included: the cap is for plans nobody has read.
        if (planned > settings.maxActions() && settings.source() != RemediationSettings.Source.APPROVED_PLAN) {
            return Optional.of(new Hold(HeldBack.TOO_MANY_ACTIONS, "the plan has " + planned + " actions, more than "
                    + "dspm.remediation.max-actions=" + settings.maxActions() + ": none is applied (a broken policy must not "
                    + "rewrite a tenant). " + howToProceed(runId, planned, settings)));
        }
        return Optional.empty();
    }

    /**
     * What to run next, written to work when followed literally: a plan-mode command gains both flags, an apply-mode
     * one only the plan's id (the same setting given twice is not one value). A revert has no reviewed plan to name.
     */
    private static String howToProceed(long runId, long planned, RemediationSettings settings) {
        String raise = "raise dspm.remediation.max-actions to at least " + planned;
        return switch (settings.source()) {
            case REVERT -> "If taking all of them back is right, " + raise + ".";
            case FINDINGS, APPROVED_PLAN -> "Review the plan in report.html; if it is right, apply it as reviewed by running "
                    + "again with " + (settings.mode() == RemediationSettings.Mode.APPLY ? "" : "--dspm.remediation.mode=apply ")
                    + "--dspm.remediation.approved-plan=" + runId + " added (with the management key), or " + raise + ".";
        };
    }

    /** When the run began to list the tenant: its snapshot is no newer than that. */
    Instant snapshotAt(long runId) {
        return jdbc.sql("SELECT started_at FROM scan_run WHERE run_id = ?").param(runId).query(Timestamp.class)
                .single().toInstant();
    }
}
