package dev.dspm.scanner.notify;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

import dev.dspm.scanner.policy.Severity;
import dev.dspm.scanner.remediation.RemediationSettings.Mode;
import dev.dspm.scanner.run.RunEnded;
import dev.dspm.scanner.run.RunOutcome;

/**
 * What one ended run has to tell, read once and rendered by every channel: how it ended, what is new, and what
 * remediation did. Lists are bounded whatever the run's size; counts are whole.
 *
 * @param event          the ledger's name for this telling of the run: {@code ENDED} for a run whose job completed,
 *                       {@code FAILED} for one that failed or stopped (a resumed run may then end once more),
 *                       {@code REJUDGE-<execution>} for a re-judge
 * @param complete       the seal's verdict, null when the run was not sealed
 * @param incompleteTypes the asset types whose listing was not stored whole
 * @param fresh          NEW findings by severity, every severity present, whatever {@code minSeverity}
 * @param widened        shares whose scope widened since the previous run, null when the report did not say
 * @param newAtOrAbove   NEW findings at or above {@code minSeverity}: those listed in {@code worst}, and more
 * @param worst          the worst of them first, at most {@link #LISTED}
 * @param mail           the same findings by email recipient (owners, fallback, digest), when email is configured
 * @param reportPath     report.html's path on the host that ran the job, null when the run wrote none
 */
record News(String tenant, long runId, RunEnded.Command command, RunOutcome outcome, String event, Optional<String> line,
        Boolean complete, List<String> incompleteTypes, Map<Severity, Long> fresh, long resolved, Long widened,
        Remediation remediation, Severity minSeverity, long newAtOrAbove, List<NewFinding> worst, MailRoutes mail,
        String reportPath, URI reportUrl) {

    /** The most findings one message lists (the webhook's); the report holds them all. */
    static final int LISTED = 1_000;

    /**
     * A run's remediation as messages tell it.
     *
     * @param heldBack the guardrail that held every action back, null when none did
     * @param detail   the sentence saying why, and what to change
     */
    record Remediation(Mode mode, String heldBack, String detail, long applied, long failed) {
        static final Remediation NONE = new Remediation(Mode.OFF, null, null, 0, 0);
    }

    static final String ENDED = "ENDED";
    static final String FAILED = "FAILED";

    /** The run's job failed or stopped (a completed job whose remediation action failed has ended, with an alert). */
    boolean failed() {
        return event.equals(FAILED);
    }

    /** Whether a person needs to hear of this run; with {@code dspm.notify.always}, every run is worth a message. */
    boolean worthSending(boolean always) {
        return always || failed() || Boolean.FALSE.equals(complete) || newAtOrAbove > 0 || remediation.failed() > 0
                || (remediation.mode() == Mode.APPLY && remediation.heldBack() != null);
    }

    /** E.g. {@code run 42 of acme: 12 new findings at HIGH or above (2 CRITICAL, 10 HIGH)}; tenant text unescaped. */
    String headline() {
        String run = "run " + runId + " of " + tenant;
        if (failed()) {
            return run + (outcome == RunOutcome.STOPPED ? " STOPPED" : " FAILED");
        }
        return run + ": " + Text.count(newAtOrAbove, "new finding") + " at " + minSeverity + " or above"
                + (newAtOrAbove == 0 ? "" : " (" + bySeverity() + ")");
    }

    /** NEW findings at or above the threshold by severity, worst first: {@code 2 CRITICAL, 10 HIGH}. */
    String bySeverity() {
        StringJoiner parts = new StringJoiner(", ");
        for (Severity severity : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)) {
            long n = fresh.getOrDefault(severity, 0L);
            if (n > 0 && severity.compareTo(minSeverity) >= 0) {
                parts.add(String.format("%,d %s", n, severity));
            }
        }
        return parts.toString();
    }

    /** The counts a reader compares night to night: new by severity (all of them), resolved, widened. */
    String counts() {
        StringJoiner parts = new StringJoiner(", ", "new: ", "");
        for (Severity severity : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)) {
            parts.add(String.format("%,d %s", fresh.getOrDefault(severity, 0L), severity));
        }
        return parts + String.format("; resolved: %,d", resolved) + (widened == null ? "" : String.format("; widened: %,d", widened));
    }

    /** What went wrong, one sentence each, tenant text unescaped: a failed run, an incomplete snapshot, remediation. */
    List<String> alerts() {
        List<String> alerts = new ArrayList<>();
        if (failed()) {
            alerts.add(line.orElse("run " + runId + (outcome == RunOutcome.STOPPED ? " stopped" : " failed"))
                    + " (the next start within dspm.scan.resume-within resumes it)");
        }
        if (Boolean.FALSE.equals(complete)) {
            alerts.add("The snapshot is INCOMPLETE: " + (incompleteTypes.isEmpty() ? "a listing" : String.join(", ", incompleteTypes))
                    + " could not be stored whole, so their findings stay open and nothing was resolved or remediated there.");
        }
        if (remediation.mode() == Mode.APPLY && remediation.heldBack() != null) {
            alerts.add("Remediation was held back (" + remediation.heldBack() + "): " + remediation.detail());
        }
        if (remediation.failed() > 0) {
            alerts.add(Text.count(remediation.failed(), "remediation action") + " FAILED; the report lists each with its error.");
        }
        return alerts;
    }

    /** Where the reader finds the report: the configured URL, else its path on the host that ran the job. */
    String where() {
        if (reportUrl != null) {
            return reportUrl.toString();
        }
        return reportPath == null ? "no report (the run wrote none)" : reportPath + " on the host that ran the job";
    }
}
