package dev.dspm.scanner.policy;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The findings part of the end-of-run summary: by severity and status, then by policy, worst first. */
@Component
public class FindingSummary {

    private final JdbcClient jdbc;

    FindingSummary(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void print(long runId, PrintStream out) {
        Map<Severity, long[]> bySeverity = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            bySeverity.put(severity, new long[FindingStatus.values().length]);
        }
        jdbc.sql("SELECT severity, status, COUNT(*) FROM finding WHERE run_id = ? GROUP BY severity, status").param(runId)
                .query((rs, n) -> bySeverity.get(Severity.valueOf(rs.getString(1)))[FindingStatus.valueOf(rs.getString(2)).ordinal()] = rs.getLong(3))
                .list();
        out.printf("%nfindings%-14s %8s %8s %8s %8s%n", "", "new", "open", "excepted", "resolved");
        for (Severity severity : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)) {
            long[] counts = bySeverity.get(severity);
            out.printf("%-22s %,8d %,8d %,8d %,8d%n", severity, counts[FindingStatus.NEW.ordinal()],
                    counts[FindingStatus.OPEN.ordinal()], counts[FindingStatus.EXCEPTED.ordinal()],
                    counts[FindingStatus.RESOLVED.ordinal()]);
        }
        List<String> lines = jdbc.sql("""
                SELECT f.policy_id, f.severity, SUM(CASE WHEN f.status IN ('NEW', 'OPEN') THEN 1 ELSE 0 END) AS open_findings,
                       SUM(CASE WHEN f.status = 'NEW' THEN 1 ELSE 0 END) AS new_findings
                FROM finding f WHERE f.run_id = ? GROUP BY f.policy_id, f.severity
                HAVING SUM(CASE WHEN f.status IN ('NEW', 'OPEN') THEN 1 ELSE 0 END) > 0
                ORDER BY CASE f.severity WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2 ELSE 3 END, 3 DESC, 1""")
                .param(runId)
                .query((rs, n) -> String.format("%-30s %-8s %,8d open (%,d new)", rs.getString(1), rs.getString(2),
                        rs.getLong(3), rs.getLong(4)))
                .list();
        if (!lines.isEmpty()) {
            out.printf("%-30s %-8s%n", "policy", "severity");
            lines.forEach(out::println);
        }
    }
}
