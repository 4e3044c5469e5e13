package dev.dspm.scanner.report;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.policy.Severity;

/**
 * {@code dspm.fail-on}: a completed run exits 3 when it has a finding that still needs someone (NEW or OPEN) at
 * or above that severity, so that CI or a CronJob's alerting can act on it. Waived and resolved findings never count.
 */
@Component
public class FailOnGate {

    private final ReportSettings settings;
    private final JdbcClient jdbc;

    FailOnGate(ReportSettings settings, JdbcClient jdbc) {
        this.settings = settings;
        this.jdbc = jdbc;
    }

    /** The line saying why the run fails its gate, or empty when it passes (or no gate is set). */
    public Optional<String> breach(long runId) {
        Severity threshold = settings.failOn();
        if (threshold == null) {
            return Optional.empty();
        }
        String severities = Arrays.stream(Severity.values()).filter(s -> s.compareTo(threshold) >= 0)
                .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
        long count = jdbc.sql("SELECT COUNT(*) FROM finding WHERE run_id = ? AND status IN ('NEW', 'OPEN') AND severity IN ("
                + severities + ")").param(runId).query(Long.class).single();
        return count == 0 ? Optional.empty()
                : Optional.of(String.format("run %d has %,d new or open finding%s at or above %s (dspm.fail-on=%s)", runId,
                        count, count == 1 ? "" : "s", threshold, threshold));
    }
}
