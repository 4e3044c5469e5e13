package dev.dspm.scanner.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.policy.FindingStatus;
import dev.dspm.scanner.policy.Severity;
import dev.dspm.scanner.report.ReportOverview.Exposure;
import dev.dspm.scanner.report.ReportOverview.PolicyCount;
import dev.dspm.scanner.report.ReportOverview.ReportedWaiver;
import dev.dspm.scanner.report.ReportOverview.RunFacts;
import dev.dspm.scanner.report.ReportOverview.RunPoint;
import dev.dspm.scanner.report.ReportOverview.StatusCounts;
import dev.dspm.scanner.report.ReportOverview.TypeCount;

/** A judged run's {@link ReportOverview}, in a few grouped queries whatever the run's size. */
@Component
class OverviewQuery {

    private static final String OPEN = "status IN ('NEW', 'OPEN')";

    private final JdbcClient jdbc;

    OverviewQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    ReportOverview read(long runId) {
        RunFacts run = run(runId);
        return new ReportOverview(run, types(runId), bySeverity(runId), byPolicy(runId), waivers(runId),
                exposure(runId), history(run), jdbc.sql("SELECT COUNT(*) FROM finding WHERE run_id = ?").param(runId)
                        .query(Long.class).single());
    }

    private RunFacts run(long runId) {
        return jdbc.sql("""
                SELECT tenant, started_at, end_time, evaluated_at, complete, read_key_type, asset_types, owner_ids,
                       keyword IS NOT NULL OR shared_after IS NOT NULL OR shared_before IS NOT NULL
                FROM scan_run WHERE run_id = ? AND evaluated_at IS NOT NULL""")
                .param(runId)
                .query((rs, n) -> new RunFacts(runId, rs.getString(1), FindingRows.instant(rs, 2), FindingRows.instant(rs, 3),
                        FindingRows.instant(rs, 4), rs.getBoolean(5), rs.getString(6), list(rs.getString(7)),
                        list(rs.getString(8)), rs.getBoolean(9), previous(rs.getString(1), runId)))
                .optional()
                .orElseThrow(() -> new IllegalStateException("run " + runId + " has not been judged; there is nothing to report"));
    }

    /** The run its statuses were counted against: the tenant's judged run before it, as the findings step chose. */
    private Optional<Long> previous(String tenant, long runId) {
        return jdbc.sql("SELECT run_id FROM scan_run WHERE tenant = ? AND run_id < ? AND evaluated_at IS NOT NULL "
                + "ORDER BY run_id DESC FETCH FIRST 1 ROWS ONLY").params(tenant, runId).query(Long.class).optional();
    }

    private List<TypeCount> types(long runId) {
        // A type is complete when every one of its partitions (one per owner in an owner-scoped run) is;
        // unknown while any is unjudged. A partition sealed without a count stored what it read.
        return jdbc.sql("""
                SELECT asset_type, SUM(COALESCE(stored, shares_read)), SUM(last_total), COUNT(last_total), COUNT(*),
                       COUNT(complete), SUM(CASE WHEN complete THEN 1 ELSE 0 END)
                FROM scan_partition WHERE run_id = ? GROUP BY asset_type ORDER BY asset_type""")
                .param(runId)
                .query((rs, n) -> {
                    long partitions = rs.getLong(5);
                    Boolean complete = rs.getLong(6) < partitions ? null : rs.getLong(7) == partitions;
                    return new TypeCount(rs.getString(1), rs.getLong(2), rs.getLong(4) < partitions ? null : rs.getLong(3), complete);
                })
                .list();
    }

    private Map<Severity, StatusCounts> bySeverity(long runId) {
        Map<Severity, long[]> counts = new EnumMap<>(Severity.class);
        jdbc.sql("SELECT severity, status, COUNT(*) FROM finding WHERE run_id = ? GROUP BY severity, status").param(runId)
                .query((ResultSet rs) -> {
                    add(counts.computeIfAbsent(Severity.valueOf(rs.getString(1)), s -> new long[4]), rs);
                });
        Map<Severity, StatusCounts> bySeverity = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            bySeverity.put(severity, statusCounts(counts.getOrDefault(severity, new long[4])));
        }
        return bySeverity;
    }

    private List<PolicyCount> byPolicy(long runId) {
        Map<String, String> titles = new HashMap<>();
        jdbc.sql("SELECT policy_id, title FROM run_policy WHERE run_id = ?").param(runId)
                .query((ResultSet rs) -> {
                    titles.put(rs.getString(1), rs.getString(2));
                });
        Map<String, long[]> counts = new HashMap<>();
        Map<String, Severity> severities = new HashMap<>();
        jdbc.sql("SELECT policy_id, severity, status, COUNT(*) FROM finding WHERE run_id = ? GROUP BY policy_id, severity, status")
                .param(runId)
                .query((ResultSet rs) -> {
                    severities.put(rs.getString(1), Severity.valueOf(rs.getString(2)));
                    long[] sums = counts.computeIfAbsent(rs.getString(1), p -> new long[4]);
                    sums[FindingStatus.valueOf(rs.getString(3)).ordinal()] += rs.getLong(4);
                });
        List<PolicyCount> policies = new ArrayList<>();
        counts.forEach((policy, sums) -> policies.add(new PolicyCount(policy, titles.getOrDefault(policy, policy),
                severities.get(policy), statusCounts(sums))));
        policies.sort((a, b) -> a.severity() != b.severity() ? b.severity().compareTo(a.severity())
                : a.counts().unresolved() != b.counts().unresolved() ? Long.compare(b.counts().unresolved(), a.counts().unresolved())
                : a.policyId().compareTo(b.policyId()));
        return policies;
    }

    private List<ReportedWaiver> waivers(long runId) {
        return jdbc.sql("""
                SELECT waiver_key, match_kind, match_value, policy_id, justification, approved_by, expires, active, matched
                FROM run_waiver WHERE run_id = ? ORDER BY policy_id, waiver_key""")
                .param(runId)
                .query((rs, n) -> new ReportedWaiver(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getDate(7).toLocalDate(), rs.getBoolean(8), rs.getLong(9)))
                .list();
    }

    private List<Exposure> exposure(long runId) {
        return jdbc.sql("SELECT asset_type, severity, COUNT(*) FROM finding WHERE run_id = ? AND " + OPEN
                + " GROUP BY asset_type, severity ORDER BY asset_type, severity")
                .param(runId)
                .query((rs, n) -> new Exposure(rs.getString(1), Severity.valueOf(rs.getString(2)), rs.getLong(3)))
                .list();
    }

    /** Every judged run of the tenant still kept, up to this one; a run with no open finding counts as 0. */
    private List<RunPoint> history(RunFacts run) {
        Map<Long, Long> open = new HashMap<>();
        jdbc.sql("SELECT f.run_id, COUNT(*) FROM finding f JOIN scan_run r ON r.run_id = f.run_id WHERE r.tenant = ? "
                + "AND f.run_id <= ? AND f." + OPEN + " GROUP BY f.run_id")
                .params(run.tenant(), run.id())
                .query((ResultSet rs) -> {
                    open.put(rs.getLong(1), rs.getLong(2));
                });
        return jdbc.sql("SELECT run_id, started_at FROM scan_run WHERE tenant = ? AND run_id <= ? AND evaluated_at IS NOT NULL "
                + "ORDER BY run_id")
                .params(run.tenant(), run.id())
                .query((rs, n) -> new RunPoint(rs.getLong(1), FindingRows.instant(rs, 2), open.getOrDefault(rs.getLong(1), 0L)))
                .list();
    }

    private static void add(long[] sums, ResultSet rs) throws SQLException {
        sums[FindingStatus.valueOf(rs.getString(2)).ordinal()] += rs.getLong(3);
    }

    private static StatusCounts statusCounts(long[] sums) {
        return new StatusCounts(sums[FindingStatus.NEW.ordinal()], sums[FindingStatus.OPEN.ordinal()],
                sums[FindingStatus.EXCEPTED.ordinal()], sums[FindingStatus.RESOLVED.ordinal()]);
    }

    private static List<String> list(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
