package dev.dspm.scanner.findings;

import java.util.EnumMap;
import java.util.Map;

import dev.dspm.scanner.policy.Severity;

/**
 * A run's findings counted by severity and status: the one count the terminal summary, {@code dspm.fail-on}, the
 * metrics and the notifications read, so that they never disagree. Every severity and status is present.
 */
public record FindingCounts(Map<Severity, Map<FindingStatus, Long>> bySeverity) {

    public FindingCounts {
        Map<Severity, Map<FindingStatus, Long>> full = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            Map<FindingStatus, Long> byStatus = new EnumMap<>(FindingStatus.class);
            for (FindingStatus status : FindingStatus.values()) {
                byStatus.put(status, bySeverity.getOrDefault(severity, Map.of()).getOrDefault(status, 0L));
            }
            full.put(severity, byStatus);
        }
        bySeverity = full;
    }

    public long count(Severity severity, FindingStatus status) {
        return bySeverity.get(severity).get(status);
    }

    public long count(FindingStatus status) {
        return bySeverity.values().stream().mapToLong(byStatus -> byStatus.get(status)).sum();
    }

    /** NEW and OPEN findings of this severity or worse: what still needs someone. */
    public long unresolvedAtOrAbove(Severity threshold) {
        long count = 0;
        for (Severity severity : Severity.values()) {
            if (severity.compareTo(threshold) >= 0) {
                count += count(severity, FindingStatus.NEW) + count(severity, FindingStatus.OPEN);
            }
        }
        return count;
    }
}
