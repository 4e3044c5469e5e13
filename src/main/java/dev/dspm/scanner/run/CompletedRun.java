package dev.dspm.scanner.run;

import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.dspm.scanner.findings.FindingCounter;
import dev.dspm.scanner.findings.RuleFailures;
import dev.dspm.scanner.remediation.RemediationOutcome;

/**
 * The outcome of a run whose job completed, worst first: a remediation action that failed tonight, then a rule that
 * failed on some shares (the report is written, but those shares were not judged: exit 1 so that the night is looked
 * at), then {@code dspm.fail-on}.
 */
@Component
class CompletedRun {

    private final RemediationOutcome remediation;
    private final RuleFailures ruleFailures;
    private final FindingCounter findings;
    private final RunSettings settings;

    CompletedRun(RemediationOutcome remediation, RuleFailures ruleFailures, FindingCounter findings, RunSettings settings) {
        this.remediation = remediation;
        this.ruleFailures = ruleFailures;
        this.findings = findings;
        this.settings = settings;
    }

    RunEnd end(RunEnded.Command command, long runId) {
        // A re-judge plans and never applies: only a scan's actions can have failed tonight.
        Optional<String> failed = command == RunEnded.Command.SCAN ? remediation.failures(runId) : Optional.empty();
        return failed.or(() -> ruleFailures.line(runId)).map(line -> new RunEnd(RunOutcome.FAILED, line, runId))
                .or(() -> FailOnGate.breach(runId, () -> findings.of(runId), settings.failOn())
                        .map(line -> new RunEnd(RunOutcome.FINDINGS_AT_FAIL_ON, line, runId)))
                .orElse(new RunEnd(RunOutcome.COMPLETED, null, runId));
    }
}
