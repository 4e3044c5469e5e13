package dev.dspm.scanner.metrics;

import org.springframework.batch.core.job.JobExecution;

import dev.dspm.scanner.scan.RunOutcome;

/**
 * A run as it ended, for its metrics.
 *
 * @param tenant    the team the run scanned ({@code dspm.tenant})
 * @param outcome   how it ended
 * @param execution its job execution in this process; null when none started (the lock was held, the key refused)
 */
public record EndedRun(String tenant, RunOutcome outcome, JobExecution execution) {

    /** Completed: findings at {@code dspm.fail-on} are a completed scan too; a failed remediation action is not. */
    boolean succeeded() {
        return outcome == RunOutcome.COMPLETED || outcome == RunOutcome.FINDINGS_AT_FAIL_ON;
    }
}
