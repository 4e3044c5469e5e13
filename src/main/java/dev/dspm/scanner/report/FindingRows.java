package dev.dspm.scanner.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.findings.FindingStatus;
import dev.dspm.scanner.policy.Severity;
import dev.dspm.scanner.remediation.ActionStatus;

/** A run's findings as the reports list them: all of them streamed in key order, flat memory for a million. */
@Component
class FindingRows {

    private static final String COLUMNS = "f.share_uid, f.asset_type, f.asset_name, f.owner_id, f.permission, "
            + "f.permission_raw, f.max_permission, f.max_permission_raw, f.asset_exists, f.policy_id, f.severity, f.status, "
            + "f.first_seen_run, f.first_seen_at, f.last_seen_at, f.waiver_key, f.waiver_active, f.resolution, o.email, o.status, "
            + "o.delegated_to";
    /**
     * Each finding's owner, as the run listed the member, found by run_owner's key: joined rather than held in memory,
     * since a tenant of ten million shares has hundreds of thousands of members (held, they filled a 256 MB heap).
     */
    private static final String FROM = " FROM finding f LEFT JOIN run_owner o ON o.run_id = f.run_id AND o.team_user_id = f.owner_id";
    /**
     * Ordered by run_id too, or H2 does not see that the key already gives that order, and sorts the run's rows.
     */
    private static final String SELECT = "SELECT " + COLUMNS + FROM + " WHERE f.run_id = ? "
            + "ORDER BY f.run_id, f.share_uid, f.policy_id";
    /**
     * The same, each with its share's remediation action unless skipped: one per share, found by the action table's
     * key, so the findings keep the order of theirs.
     */
    private static final String SELECT_WITH_ACTIONS = "SELECT " + COLUMNS + ", a.policy_id, a.from_scope, a.to_scope, "
            + "a.status, a.request_id, a.updated_at" + FROM + " LEFT JOIN remediation_action a "
            + "ON a.run_id = f.run_id AND a.share_uid = f.share_uid AND a.status <> 'SKIPPED' WHERE f.run_id = ? "
            + "ORDER BY f.run_id, f.share_uid, f.policy_id";

    private final JdbcTemplate jdbc;

    /** @param jdbc with a fetch size (spring.jdbc.template.fetch-size), so that PostgreSQL streams in a transaction */
    FindingRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every finding of the run, in (share, policy) order: the primary key's, so no sort. */
    void forEach(long runId, Consumer<ReportedFinding> each) {
        forEach(runId, false, each);
    }

    /** @param withRemediation whether each finding carries its share's remediation action (a join the others skip) */
    void forEach(long runId, boolean withRemediation, Consumer<ReportedFinding> each) {
        Map<String, Policy> policies = policies(runId);
        jdbc.query(withRemediation ? SELECT_WITH_ACTIONS : SELECT, rs -> {
            each.accept(finding(rs, policies, withRemediation ? remediation(rs) : null));
        }, runId);
    }

    /** The run's policies are a few dozen rows: held in memory rather than joined to every finding. */
    private Map<String, Policy> policies(long runId) {
        Map<String, Policy> policies = new HashMap<>();
        jdbc.query("SELECT policy_id, title, recommended_scope FROM run_policy WHERE run_id = ?",
                rs -> {
                    policies.put(rs.getString(1), new Policy(rs.getString(2), rs.getString(3)));
                }, runId);
        return policies;
    }

    private static ReportedFinding finding(ResultSet rs, Map<String, Policy> policies,
            ReportedFinding.Remediation remediation) throws SQLException {
        String policyId = rs.getString(10);
        Policy policy = policies.getOrDefault(policyId, new Policy(policyId, null));
        return new ReportedFinding(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), (Boolean) rs.getObject(9), policyId,
                Severity.valueOf(rs.getString(11)), policy.title(), policy.recommendedScope(),
                FindingStatus.valueOf(rs.getString(12)), rs.getLong(13), instant(rs, 14), instant(rs, 15),
                rs.getString(16), (Boolean) rs.getObject(17), rs.getString(18), rs.getString(19), rs.getString(20),
                rs.getString(21), remediation);
    }

    private static ReportedFinding.Remediation remediation(ResultSet rs) throws SQLException {
        String status = rs.getString(25);
        return status == null ? null : new ReportedFinding.Remediation(rs.getString(22), rs.getString(23), rs.getString(24),
                ActionStatus.valueOf(status), rs.getString(26), instant(rs, 27));
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private record Policy(String title, String recommendedScope) {
    }
}
