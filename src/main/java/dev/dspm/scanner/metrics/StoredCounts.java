package dev.dspm.scanner.metrics;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.policy.FindingStatus;
import dev.dspm.scanner.policy.Severity;
import dev.dspm.scanner.remediation.ActionStatus;
import dev.dspm.scanner.scan.RunScopes;

/**
 * What a run holds in the database, as its metrics count it: one grouped query per table. Each part is empty until
 * the run has it, so that a run that failed early pushes no zero findings over the last judged run's.
 */
@Component
class StoredCounts {

    /** One asset type: shares stored, the API's total (null while unknown), and whether every partition is complete. */
    record TypeCount(String assetType, long stored, Long apiTotal, boolean complete) {
    }

    /** {@code filtered}: whether the run listed less than the whole tenant (empty when it never began). */
    record Counts(List<TypeCount> types, Optional<Boolean> sealedComplete, Optional<Boolean> filtered,
            Optional<Map<Severity, Map<FindingStatus, Long>>> findings, Optional<Map<ActionStatus, Long>> actions) {
    }

    private final JdbcClient jdbc;
    private final RunScopes scopes;

    StoredCounts(JdbcClient jdbc, RunScopes scopes) {
        this.jdbc = jdbc;
        this.scopes = scopes;
    }

    Counts of(long runId) {
        Optional<RunRow> run = jdbc.sql("SELECT complete, evaluated_at IS NOT NULL FROM scan_run WHERE run_id = ?")
                .param(runId).query((rs, n) -> new RunRow(rs.getObject(1, Boolean.class), rs.getBoolean(2))).optional();
        boolean judged = run.map(RunRow::judged).orElse(false);
        return new Counts(types(runId), run.map(RunRow::complete), run.map(row -> scopes.of(runId).filtered()),
                judged ? Optional.of(findings(runId)) : Optional.empty(), actions(runId));
    }

    private record RunRow(Boolean complete, boolean judged) {
    }

    private List<TypeCount> types(long runId) {
        // As the report counts them: a partition sealed without a count stored what it read.
        return jdbc.sql("""
                SELECT asset_type, SUM(COALESCE(stored, shares_read)), SUM(last_total), COUNT(last_total), COUNT(*),
                       SUM(CASE WHEN complete THEN 1 ELSE 0 END)
                FROM scan_partition WHERE run_id = ? GROUP BY asset_type ORDER BY asset_type""")
                .param(runId)
                .query((rs, n) -> new TypeCount(rs.getString(1), rs.getLong(2), rs.getLong(4) < rs.getLong(5) ? null : rs.getLong(3),
                        rs.getLong(6) == rs.getLong(5)))
                .list();
    }

    private Map<Severity, Map<FindingStatus, Long>> findings(long runId) {
        Map<Severity, Map<FindingStatus, Long>> counts = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            counts.put(severity, zeros(FindingStatus.class));
        }
        jdbc.sql("SELECT severity, status, COUNT(*) FROM finding WHERE run_id = ? GROUP BY severity, status").param(runId)
                .query(rs -> {
                    counts.get(Severity.valueOf(rs.getString(1))).put(FindingStatus.valueOf(rs.getString(2)), rs.getLong(3));
                });
        return counts;
    }

    /** Empty when the run never reached its remediation step (mode off included: it records its mode too). */
    private Optional<Map<ActionStatus, Long>> actions(long runId) {
        boolean reached = jdbc.sql("SELECT COUNT(*) FROM run_remediation WHERE run_id = ?").param(runId)
                .query(Long.class).single() > 0;
        if (!reached) {
            return Optional.empty();
        }
        Map<ActionStatus, Long> counts = zeros(ActionStatus.class);
        jdbc.sql("SELECT status, COUNT(*) FROM remediation_action WHERE run_id = ? GROUP BY status").param(runId)
                .query(rs -> {
                    counts.put(ActionStatus.valueOf(rs.getString(1)), rs.getLong(2));
                });
        return Optional.of(counts);
    }

    /** Every value present, so that a count of none is a series at 0 rather than no series. */
    private static <E extends Enum<E>> Map<E, Long> zeros(Class<E> type) {
        Map<E, Long> counts = new EnumMap<>(type);
        for (E value : type.getEnumConstants()) {
            counts.put(value, 0L);
        }
        return counts;
    }
}
