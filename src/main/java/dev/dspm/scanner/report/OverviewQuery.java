package dev.dspm.scanner.report;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.findings.FindingStatus;
import dev.dspm.scanner.policy.Severity;
import dev.dspm.scanner.findings.RuleFailures;
import dev.dspm.scanner.report.ReportOverview.Exposure;
import dev.dspm.scanner.report.ReportOverview.PolicyCount;
import dev.dspm.scanner.report.ReportOverview.RunFacts;
import dev.dspm.scanner.report.ReportOverview.RunPoint;
import dev.dspm.scanner.report.ReportOverview.StatusCounts;
import dev.dspm.scanner.snapshot.PartitionLedger;
import dev.dspm.scanner.snapshot.Runs;

/** A judged run's {@link ReportOverview}, in a few grouped queries whatever the run's size. */
@Component
class OverviewQuery {

    /** Counted from H2's index of these columns (V18): see FindingCountsIndexTests. */
    static final String GROUPS = "SELECT policy_id, severity, status, asset_type, COUNT(*) FROM finding WHERE run_id = ? "
            + "GROUP BY policy_id, severity, status, asset_type";

    private final JdbcClient jdbc;
    private final OwnerQuery owners;
    private final Runs runs;
    private final PartitionLedger ledger;
    private final WaiverQuery waivers;
    private final RuleFailures ruleFailures;
    private final OpenFindingsHistory history;

    OverviewQuery(JdbcClient jdbc, OwnerQuery owners, Runs runs, PartitionLedger ledger, WaiverQuery waivers,
            RuleFailures ruleFailures, OpenFindingsHistory history) {
        this.jdbc = jdbc;
        this.owners = owners;
        this.runs = runs;
        this.ledger = ledger;
        this.waivers = waivers;
        this.ruleFailures = ruleFailures;
        this.history = history;
    }

    ReportOverview read(long runId) {
        RunFacts run = run(runId);
        List<Group> groups = groups(runId);
        OwnerQuery.Owned owned = owners.read(runId);
        return new ReportOverview(run, ledger.types(runId), bySeverity(groups), byPolicy(runId, groups), waivers.of(runId),
                exposure(groups), history(run, groups), groups.stream().mapToLong(Group::count).sum(), owned.overview(),
                choices(groups, owned), ruleFailures.of(runId));
    }

    /** The filters' choices: the groups already counted, and the owners'. */
    private static FilterChoices choices(List<Group> groups, OwnerQuery.Owned owned) {
        return new FilterChoices(counted(groups, g -> g.severity().name()), counted(groups, g -> g.status().name()),
                counted(groups, Group::policyId), counted(groups, Group::assetType), owned.owners(), owned.statuses());
    }

    private static Map<String, Long> counted(List<Group> groups, Function<Group, String> value) {
        Map<String, Long> counted = new HashMap<>();
        groups.forEach(g -> counted.merge(value.apply(g), g.count(), Long::sum));
        return counted;
    }

    /** The run's findings counted by policy, severity, status and type: a few hundred groups, one scan of the run. */
    private record Group(String policyId, Severity severity, FindingStatus status, String assetType, long count) {

        /** NEW or OPEN: what the exposure and the history count. */
        boolean open() {
            return status == FindingStatus.NEW || status == FindingStatus.OPEN;
        }
    }

    private List<Group> groups(long runId) {
        return jdbc.sql(GROUPS)
                .param(runId)
                .query((rs, n) -> new Group(rs.getString(1), Severity.valueOf(rs.getString(2)),
                        FindingStatus.valueOf(rs.getString(3)), rs.getString(4), rs.getLong(5)))
                .list();
    }

    private RunFacts run(long runId) {
        Runs.Run run = runs.find(runId).filter(Runs.Run::judged)
                .orElseThrow(() -> new IllegalStateException("run " + runId + " has not been judged; there is nothing to report"));
        return new RunFacts(runId, run.tenant(), run.startedAt(), run.endTime(), run.evaluatedAt(),
                Boolean.TRUE.equals(run.complete()), run.readKeyType(), run.scope(), runs.previousJudged(run.tenant(), runId));
    }

    private static Map<Severity, StatusCounts> bySeverity(List<Group> groups) {
        Map<Severity, StatusCounts> bySeverity = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            bySeverity.put(severity, statusCounts(groups.stream().filter(g -> g.severity() == severity)));
        }
        return bySeverity;
    }

    private List<PolicyCount> byPolicy(long runId, List<Group> groups) {
        Map<String, String> titles = new HashMap<>();
        jdbc.sql("SELECT policy_id, title FROM run_policy WHERE run_id = ?").param(runId)
                .query((ResultSet rs) -> {
                    titles.put(rs.getString(1), rs.getString(2));
                });
        Map<String, List<Group>> byPolicy = groups.stream().collect(Collectors.groupingBy(Group::policyId));
        List<PolicyCount> policies = new ArrayList<>();
        byPolicy.forEach((policy, of) -> policies.add(new PolicyCount(policy, titles.getOrDefault(policy, policy),
                of.get(0).severity(), statusCounts(of.stream()))));
        policies.sort(Comparator.comparing(PolicyCount::severity).reversed()
                .thenComparing(p -> -p.counts().unresolved())
                .thenComparing(PolicyCount::policyId));
        return policies;
    }

    private static List<Exposure> exposure(List<Group> groups) {
        Map<String, Map<Severity, Long>> open = new TreeMap<>();
        groups.stream().filter(Group::open)
                .forEach(g -> open.computeIfAbsent(g.assetType() == null ? "" : g.assetType(), t -> new EnumMap<>(Severity.class))
                        .merge(g.severity(), g.count(), Long::sum));
        List<Exposure> exposure = new ArrayList<>();
        open.forEach((type, counts) -> counts.forEach((severity, count) -> exposure.add(new Exposure(type, severity, count))));
        return exposure;
    }

    /**
     * Every judged run of the tenant still kept, up to this one; a run with no open finding counts as 0. This run's
     * count comes from its groups, the earlier runs' from what their reports recorded.
     */
    private List<RunPoint> history(RunFacts run, List<Group> groups) {
        List<Runs.Run> judged = runs.judged(run.tenant(), run.id());
        Map<Long, Long> open = history.of(judged.stream().map(Runs.Run::runId).filter(id -> id != run.id()).toList());
        open.put(run.id(), groups.stream().filter(Group::open).mapToLong(Group::count).sum());
        return judged.stream().map(r -> new RunPoint(r.runId(), r.startedAt(), open.getOrDefault(r.runId(), 0L))).toList();
    }

    private static StatusCounts statusCounts(Stream<Group> groups) {
        long[] sums = new long[FindingStatus.values().length];
        groups.forEach(g -> sums[g.status().ordinal()] += g.count());
        return new StatusCounts(sums[FindingStatus.NEW.ordinal()], sums[FindingStatus.OPEN.ordinal()],
                sums[FindingStatus.EXCEPTED.ordinal()], sums[FindingStatus.RESOLVED.ordinal()]);
    }
}
