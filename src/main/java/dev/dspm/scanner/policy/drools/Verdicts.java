package dev.dspm.scanner.policy.drools;

import java.util.List;

import dev.dspm.scanner.policy.Finding;

/** What the rules found in a chunk of shares, and the rules that failed on some of its shares. */
public record Verdicts(List<Finding> findings, List<RuleFailure> failures) {
}
