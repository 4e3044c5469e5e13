package dev.dspm.scanner.remediation;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A run whose remediation could not apply every action it sent ends with exit 1, after its report. */
@Component
public class RemediationOutcome {

    private final JdbcClient jdbc;

    RemediationOutcome(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The line saying how many actions failed, or empty when none did. */
    public Optional<String> failures(long runId) {
        long failed = jdbc.sql("SELECT COUNT(*) FROM remediation_action WHERE run_id = ? AND status = 'FAILED'").param(runId)
                .query(Long.class).single();
        return failed == 0 ? Optional.empty()
                : Optional.of(String.format("run %d: %,d remediation action%s failed; report.html lists each with its error",
                        runId, failed, failed == 1 ? "" : "s"));
    }
}
