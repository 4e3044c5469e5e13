package dev.dspm.scanner.findings;

import dev.dspm.scanner.logging.InertText;
import dev.dspm.scanner.policy.drools.RuleFailure;

/**
 * A rule that failed on {@code shares} shares of a run, as stored (each part may be null but the counts): the share it
 * failed on first by uid and that failure's message, which may quote the share's data.
 */
public record FailedRule(String rule, String policyId, String file, Integer line, long shares, String firstShareUid,
        String message) {

    /** {@code rule "x" (policy-id, file:line)}, inert in a line: as the run's log named it when it failed. */
    public String where() {
        return RuleFailure.where(rule, policyId, file, line);
    }

    /** {@code rule "x" (policy-id, file:line) failed on 3 shares, first uid: message}, inert in a line. */
    public String describe() {
        return String.format("%s failed on %,d share%s, first %s: %s", where(), shares, shares == 1 ? "" : "s",
                InertText.line(firstShareUid), InertText.line(message));
    }
}
