package dev.dspm.scanner.findings;

import dev.dspm.scanner.logging.InertText;

/**
 * A rule that failed on {@code shares} shares of a run, as stored (each part may be null but the counts): the share it
 * failed on first by uid and that failure's message, which may quote the share's data.
 */
public record FailedRule(String rule, String policyId, String file, Integer line, long shares, String firstShareUid,
        String message) {

    /** {@code rule "x" (policy-id, file:line)}, inert in a line. */
    public String where() {
        String name = rule == null ? "a rule" : "rule \"" + InertText.line(rule) + "\"";
        return policyId == null ? name : name + " (" + policyId + ", " + InertText.line(file) + ":" + line + ")";
    }
}
