package dev.dspm.scanner.remediation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.dspm.scanner.snapshot.PartitionRecord;
import dev.dspm.scanner.snapshot.Runs;

/**
 * What keeps a whole plan from being applied, checked before the first call, in plan mode too (so that the report
 * says what apply would have done): a scan that was not complete, a snapshot too old to act on, a plan too large.
 */
@Component
class Guardrails {

    /** The guardrail that holds, and the sentence saying why and what to change. */
    record Hold(HeldBack why, String detail) {
    }

    private final Clock clock;

    Guardrails(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param partitions the run's partitions: one not known complete (incomplete, failed, or never judged) holds all back
     * @param planned    the actions the plan would send
     */
    Optional<Hold> check(Runs.Run run, List<PartitionRecord> partitions, long planned, RemediationSettings settings) {
        long runId = run.runId();
        long incomplete = partitions.stream().filter(partition -> !Boolean.TRUE.equals(partition.complete())).count();
        if (incomplete > 0 || !Boolean.TRUE.equals(run.complete())) {
            return Optional.of(new Hold(HeldBack.INCOMPLETE_SCAN, "the scan of run " + runId + " was not complete ("
                    + incomplete + " partition" + (incomplete == 1 ? "" : "s") + " incomplete or failed): no share is "
                    + "changed on an inventory cut short; the next complete run can act"));
        }
        Instant snapshotAt = run.startedAt();
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
}
