package dev.dspm.scanner.run;

import java.util.Optional;
import java.util.function.Supplier;

import dev.dspm.scanner.findings.FindingCounts;
import dev.dspm.scanner.policy.Severity;

/**
 * {@code dspm.fail-on}: a completed run exits 3 when it has a finding that still needs someone (NEW or OPEN) at
 * or above that severity, so that CI or a CronJob's alerting can act on it. Waived and resolved findings never count.
 */
final class FailOnGate {

    private FailOnGate() {
    }

    /**
     * The line saying why the run fails its gate, or empty when it passes (or no gate is set). The findings are
     * counted only when a gate is set: a grouped read of every finding of the night.
     */
    static Optional<String> breach(long runId, Supplier<FindingCounts> counts, Severity threshold) {
        if (threshold == null) {
            return Optional.empty();
        }
        long count = counts.get().unresolvedAtOrAbove(threshold);
        return count == 0 ? Optional.empty()
                : Optional.of(String.format("run %d has %,d new or open finding%s at or above %s (dspm.fail-on=%s)", runId,
                        count, count == 1 ? "" : "s", threshold, threshold));
    }
}
