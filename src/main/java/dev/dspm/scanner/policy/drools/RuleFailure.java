package dev.dspm.scanner.policy.drools;

import java.util.Optional;

import dev.dspm.scanner.logging.InertText;
import dev.dspm.scanner.policy.PolicyRule;

/**
 * A rule that threw while judging one share. {@code rule} is the rule's name when Drools gave it, {@code policy} the
 * policy it belongs to when the pack has it; {@code message} is the root cause's, which may quote the share's data.
 */
public record RuleFailure(String shareUid, String rule, Optional<PolicyRule> policy, String message, Throwable cause) {

    /** {@code rule "x" (policy-id, file:line) failed on share uid: message}, each part inert. */
    public String describe() {
        return where() + " failed on share " + InertText.line(shareUid) + ": " + InertText.line(message);
    }

    /** The rule as a user finds it: its name, policy id, file and line; what is known of them. */
    public String where() {
        return policy.map(p -> where(rule, p.id(), p.file().toString(), p.line())).orElse(where(rule, null, null, null));
    }

    /** {@code rule "x" (policy-id, file:line)}, or as much of it as is known, inert in a line; also for stored failures. */
    public static String where(String rule, String policyId, String file, Integer line) {
        String name = rule == null ? "a rule" : "rule \"" + InertText.line(rule) + "\"";
        return policyId == null ? name : name + " (" + policyId + ", " + InertText.line(file) + ":" + line + ")";
    }
}
