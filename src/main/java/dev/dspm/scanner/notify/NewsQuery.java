package dev.dspm.scanner.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.dspm.scanner.findings.FindingCounts;
import dev.dspm.scanner.findings.FindingStatus;
import dev.dspm.scanner.policy.Severity;
import dev.dspm.scanner.remediation.ActionStatus;
import dev.dspm.scanner.remediation.RemediationSettings;
import dev.dspm.scanner.remediation.RemediationSettings.Mode;
import dev.dspm.scanner.report.ReportConfiguration;
import dev.dspm.scanner.run.RunEnded;
import dev.dspm.scanner.snapshot.TypeTotal;

/**
 * Reads what an ended run has to tell ({@link News}) from the database: its counts as the run ended, its new findings
 * at or above {@code dspm.notify.min-severity} worst first with their policy and owner, and its remediation. The
 * findings are streamed once, whatever their number; only what a message lists is kept.
 */
@Component
class NewsQuery {

    /** Each finding's owner joined by run_owner's key: a tenant's members can be hundreds of thousands, too many to hold. */
    private static final String NEW_FINDINGS = "SELECT f.share_uid, f.asset_type, f.asset_name, f.owner_id, f.permission, "
            + "f.policy_id, f.severity, f.first_seen_at, o.email, o.status, o.delegated_to FROM finding f LEFT JOIN run_owner o "
            + "ON o.run_id = f.run_id AND o.team_user_id = f.owner_id WHERE f.run_id = ? AND f.status = 'NEW' "
            + "AND f.severity IN (%s) ORDER BY CASE f.severity WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2 "
            + "ELSE 3 END, f.policy_id, f.share_uid";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate reading;
    private final NotifySettings settings;
    private final RemediationSettings remediation;

    /** @param jdbc with a fetch size, so that PostgreSQL streams the findings inside the read-only transaction */
    NewsQuery(JdbcTemplate jdbc, PlatformTransactionManager transactions, NotifySettings settings,
            RemediationSettings remediation) {
        this.jdbc = jdbc;
        this.reading = new TransactionTemplate(transactions);
        this.reading.setReadOnly(true);
        this.settings = settings;
        this.remediation = remediation;
    }

    News read(RunEnded run, long runId, String event) {
        FindingCounts counts = run.counts().findings().orElse(new FindingCounts(Map.of()));
        Map<Severity, Long> fresh = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            fresh.put(severity, counts.count(severity, FindingStatus.NEW));
        }
        List<String> incomplete = run.counts().types().stream().filter(type -> Boolean.FALSE.equals(type.complete()))
                .map(TypeTotal::assetType).toList();
        News.Remediation remediated = remediation(runId, run.counts().actions());
        Optional<ExecutionContext> context = run.execution().map(execution -> execution.getExecutionContext());
        Long widened = context.filter(c -> c.containsKey(ReportConfiguration.WIDENED))
                .map(c -> c.getLong(ReportConfiguration.WIDENED)).orElse(null);
        String reportPath = context.filter(c -> c.containsKey(ReportConfiguration.HTML_PATH))
                .map(c -> c.getString(ReportConfiguration.HTML_PATH)).orElse(null);
        List<NewFinding> worst = new ArrayList<>();
        MailRoutes mail = new MailRoutes(settings.email().owners(), settings.email().fallbackTo() != null);
        long[] total = {0};
        if (run.counts().findings().isPresent()) {
            reading.executeWithoutResult(status -> findings(runId, remediated.mode(), finding -> {
                if (worst.size() < News.LISTED) {
                    worst.add(finding);
                }
                mail.add(finding);
                total[0]++;
            }));
        }
        return new News(run.tenant(), runId, run.command(), run.outcome(), event, run.line(),
                run.counts().sealedComplete().orElse(null), incomplete, fresh, counts.count(FindingStatus.RESOLVED),
                widened, remediated, settings.minSeverity(), total[0], worst, mail, reportPath, settings.reportUrl());
    }

    private News.Remediation remediation(long runId, Optional<Map<ActionStatus, Long>> actions) {
        return jdbc.query("SELECT mode, held_back, detail FROM run_remediation WHERE run_id = ?", (rs, n) ->
                new News.Remediation(Mode.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3),
                        actions.map(a -> a.getOrDefault(ActionStatus.APPLIED, 0L)).orElse(0L),
                        actions.map(a -> a.getOrDefault(ActionStatus.FAILED, 0L)).orElse(0L)), runId)
                .stream().findFirst().orElse(News.Remediation.NONE);
    }

    private void findings(long runId, Mode mode, Consumer<NewFinding> each) {
        Map<String, Policy> policies = new HashMap<>();
        jdbc.query("SELECT policy_id, title, recommended_scope, auto_remediate, rationale FROM run_policy WHERE run_id = ?",
                rs -> {
                    policies.put(rs.getString(1), new Policy(rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getString(5)));
                }, runId);
        List<Severity> severities = Arrays.stream(Severity.values())
                .filter(severity -> severity.compareTo(settings.minSeverity()) >= 0).toList();
        String sql = NEW_FINDINGS.formatted(severities.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ")));
        jdbc.query(sql, rs -> {
            each.accept(finding(rs, policies, mode));
        }, runId);
    }

    private NewFinding finding(ResultSet rs, Map<String, Policy> policies, Mode mode)
            throws SQLException {
        String policyId = rs.getString(6);
        Policy policy = policies.getOrDefault(policyId, new Policy(policyId, null, false, null));
        Instant firstSeen = rs.getObject(8, OffsetDateTime.class).toInstant();
        // what remediation will do, if the run remediates at all and the policy lets it
        Instant actOn = mode != Mode.OFF && policy.autoRemediate() && policy.recommendedScope() != null
                ? firstSeen.plus(remediation.gracePeriod()) : null;
        return new NewFinding(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getString(5), policyId, policy.title(), policy.rationale(),
                Severity.valueOf(rs.getString(7)), policy.recommendedScope(), firstSeen, actOn);
    }

    private record Policy(String title, String recommendedScope, boolean autoRemediate, String rationale) {
    }
}
