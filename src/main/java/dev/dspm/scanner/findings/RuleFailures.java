package dev.dspm.scanner.findings;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.policy.PolicyRule;
import dev.dspm.scanner.policy.drools.RuleFailure;

/**
 * The {@code rule_failure} table: the shares a rule failed on while a run judged them. Written as they are found,
 * outside the chunk's transaction and idempotently (a restarted chunk is judged again and finds them again); read by
 * the lifecycle (those shares' earlier findings stay open), the report, the summary and the run's outcome.
 */
@Component
public class RuleFailures {

    static final int MESSAGE_LIMIT = 2000;

    private final JdbcClient jdbc;

    public RuleFailures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(long runId, List<RuleFailure> failures) {
        for (RuleFailure failure : failures) {
            Optional<PolicyRule> policy = failure.policy();
            jdbc.sql("""
                    INSERT INTO rule_failure (run_id, share_uid, rule_name, policy_id, policy_file, policy_line, message)
                    SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM rule_failure WHERE run_id = ? AND share_uid = ?)""")
                    .params(runId, failure.shareUid(), cut(failure.rule()), policy.map(PolicyRule::id).orElse(null),
                            cut(policy.map(p -> p.file().toString()).orElse(null)), policy.map(PolicyRule::line).orElse(null),
                            cut(failure.message()), runId, failure.shareUid())
                    .update();
        }
    }

    /** The run's failures by rule, the rule that failed on the most shares first. */
    public List<FailedRule> of(long runId) {
        return jdbc.sql("""
                SELECT g.rule_name, g.policy_id, g.policy_file, g.policy_line, g.shares, g.first_uid,
                       (SELECT m.message FROM rule_failure m WHERE m.run_id = ? AND m.share_uid = g.first_uid)
                FROM (SELECT rule_name, policy_id, policy_file, policy_line, COUNT(*) AS shares, MIN(share_uid) AS first_uid
                      FROM rule_failure WHERE run_id = ? GROUP BY rule_name, policy_id, policy_file, policy_line) g
                ORDER BY g.shares DESC, g.policy_id, g.rule_name""")
                .params(runId, runId)
                .query((rs, n) -> new FailedRule(rs.getString(1), rs.getString(2), rs.getString(3),
                        (Integer) rs.getObject(4), rs.getLong(5), rs.getString(6), rs.getString(7)))
                .list();
    }

    /** The run's last line when a rule failed: which rule, on how many shares, and what to do. */
    public Optional<String> line(long runId) {
        List<FailedRule> failed = of(runId);
        if (failed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.format("run %d completed, but %s%s; their earlier findings are kept open and the report "
                + "lists them: fix the rule, then --rejudge=%d", runId, failed.get(0).describe(),
                failed.size() > 1 ? ", and " + (failed.size() - 1) + " more rule(s) failed" : "", runId));
    }

    private static String cut(String text) {
        return text == null || text.length() <= MESSAGE_LIMIT ? text : text.substring(0, MESSAGE_LIMIT - 1) + "…";
    }
}
