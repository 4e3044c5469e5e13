package dev.dspm.scanner.findings;

import java.io.PrintStream;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.policy.Severity;

/** The findings part of the end-of-run summary: by severity and status, then by policy, worst first, then rules that failed. */
@Component
public class FindingSummary {

    /** Counted from H2's index of these columns (V18): see FindingCountsIndexTests. */
    static final String BY_POLICY = """
            SELECT f.policy_id, f.severity, SUM(CASE WHEN f.status IN ('NEW', 'OPEN') THEN 1 ELSE 0 END) AS open_findings,
                   SUM(CASE WHEN f.status = 'NEW' THEN 1 ELSE 0 END) AS new_findings
            FROM finding f WHERE f.run_id = ? GROUP BY f.policy_id, f.severity
            HAVING SUM(CASE WHEN f.status IN ('NEW', 'OPEN') THEN 1 ELSE 0 END) > 0
            ORDER BY CASE f.severity WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2 ELSE 3 END, 3 DESC, 1""";

    private final JdbcClient jdbc;
    private final FindingCounter counter;
    private final RuleFailures ruleFailures;

    FindingSummary(JdbcClient jdbc, FindingCounter counter, RuleFailures ruleFailures) {
        this.jdbc = jdbc;
        this.counter = counter;
        this.ruleFailures = ruleFailures;
    }

    /**
     * The table's {@code open} is what the policy lines call open: NEW and OPEN together (a finding is NEW the first
     * night it is seen, and open until resolved or waived); {@code of them new} is the part of it first seen tonight.
     */
    public void print(long runId, PrintStream out) {
        FindingCounts counts = counter.of(runId);
        out.printf("%nfindings%-14s %8s %12s %8s %8s%n", "", "open", "of them new", "excepted", "resolved");
        long[] all = new long[4];
        for (Severity severity : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)) {
            long[] row = { counts.count(severity, FindingStatus.NEW) + counts.count(severity, FindingStatus.OPEN),
                    counts.count(severity, FindingStatus.NEW), counts.count(severity, FindingStatus.EXCEPTED),
                    counts.count(severity, FindingStatus.RESOLVED) };
            row(out, severity.name(), row);
            for (int i = 0; i < all.length; i++) {
                all[i] += row[i];
            }
        }
        row(out, "all", all);
        out.println("(open: NEW and OPEN, what still needs someone; of them new: first seen tonight)");
        List<String> lines = jdbc.sql(BY_POLICY)
                .param(runId)
                .query((rs, n) -> String.format("%-30s %-8s %,8d open (%,d of them new)", rs.getString(1), rs.getString(2),
                        rs.getLong(3), rs.getLong(4)))
                .list();
        if (!lines.isEmpty()) {
            out.printf("%-30s %-8s%n", "policy", "severity");
            lines.forEach(out::println);
        }
        List<FailedRule> failed = ruleFailures.of(runId);
        if (!failed.isEmpty()) {
            out.println("rules that failed (not judged tonight: these shares' earlier findings are kept open)");
            failed.forEach(rule -> out.println(rule.describe()));
        }
    }

    private static void row(PrintStream out, String label, long[] counts) {
        out.printf("%-22s %,8d %,12d %,8d %,8d%n", label, counts[0], counts[1], counts[2], counts[3]);
    }
}
