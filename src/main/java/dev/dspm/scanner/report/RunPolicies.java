package dev.dspm.scanner.report;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.policy.Severity;

/** The policies a run was judged by, in id order: a few dozen rows, read once before the report's pass. */
@Component
class RunPolicies {

    private final JdbcClient jdbc;

    RunPolicies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ReportedPolicy> of(long runId) {
        return jdbc.sql("SELECT policy_id, title, severity, recommended_scope, auto_remediate, rationale, in_pack "
                + "FROM run_policy WHERE run_id = ? ORDER BY policy_id")
                .param(runId)
                .query((rs, n) -> new ReportedPolicy(rs.getString(1), rs.getString(2), Severity.valueOf(rs.getString(3)),
                        rs.getString(4), rs.getBoolean(5), rs.getString(6), rs.getBoolean(7)))
                .list();
    }
}
