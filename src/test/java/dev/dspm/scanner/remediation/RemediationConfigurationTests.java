package dev.dspm.scanner.remediation;

import static dev.dspm.scanner.remediation.RemediationNights.TYPES;
import static dev.dspm.scanner.remediation.RemediationNights.actions;
import static dev.dspm.scanner.remediation.RemediationNights.heldBack;
import static dev.dspm.scanner.remediation.RemediationNights.rank;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.dspm.scanner.Console;
import dev.dspm.scanner.Snapshot;
import dev.dspm.scanner.SystemTest;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.remediation.RemediationNights.Row;
import dev.dspm.scanner.simulator.AuditEntry;
import dev.dspm.scanner.simulator.ListedShare;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * Remediation in real runs against the simulator, counting the update_scope calls it received: plan calls nothing,
 * apply calls once per planned action and never twice, and every guardrail holds every action back.
 */
class RemediationConfigurationTests {

    @TempDir
    Path dir;

    ManusSimulator simulator;
    RemediationNights nights;

    @BeforeEach
    void startSimulator() {
        simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(43L, 400)));
        nights = new RemediationNights(simulator, dir);
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void planCallsNothingApplyCallsOncePerPlannedActionAndTheNextNightNothing(String kind) throws Exception {
        String db = TestDatabases.of(kind, dir);
        assertThat(nights.run(db, "--dspm.remediation.grace-period=PT0S")).isZero();
        long plan = Snapshot.latestRun(db);
        Map<String, Row> planned = actions(db, plan, "PLANNED");
        assertThat(planned).isNotEmpty().hasSize((int) expectedPlan(db, plan));
        assertThat(nights.updates()).as("plan mode calls nothing").isZero();
        Map<String, ListedShare> shares = nights.listedShares();
        planned.values().forEach(action -> {
            assertThat(shares.get(action.uid()).permission()).isEqualTo("SHARE_SCOPE_" + action.from());
            assertThat(rank(action.to())).isLessThan(rank(action.from()));
        });

        assertThat(nights.apply(db)).isZero();
        long applied = Snapshot.latestRun(db);
        Map<String, Row> done = actions(db, applied, "APPLIED");
        assertThat(done.keySet()).as("the same shares, planned again from an unchanged tenant").isEqualTo(planned.keySet());
        List<AuditEntry> audit = simulator.tenant().auditLog();
        assertThat(nights.updates()).isEqualTo(done.size());
        assertThat(audit).hasSize(done.size());
        assertThat(audit.stream().map(AuditEntry::shareUid).collect(Collectors.toSet())).as("each share once")
                .isEqualTo(done.keySet());
        for (AuditEntry entry : audit) {
            Row action = done.get(entry.shareUid());
            assertThat(entry.permission()).isEqualTo("SHARE_SCOPE_" + action.to());
            assertThat(entry.note()).isEqualTo(action.note()).startsWith("dspm-scanner run " + applied + ": policy " + action.policy() + " (")
                    .endsWith(") " + action.from() + " -> " + action.to());
            assertThat(action.requestId()).startsWith("req-");
        }

        assertThat(nights.apply(db)).isZero();
        long next = Snapshot.latestRun(db);
        assertThat(nights.updates()).as("the shares are fixed: no call").isEqualTo(done.size());
        assertThat(actions(db, next, "PLANNED")).isEmpty();
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM finding f JOIN run_policy p ON p.run_id = f.run_id "
                + "AND p.policy_id = f.policy_id WHERE f.run_id = ? AND p.auto_remediate AND f.status IN ('NEW', 'OPEN') "
                + "AND f.share_uid IN (SELECT share_uid FROM remediation_action WHERE run_id = ? AND status = 'APPLIED')",
                next, applied)).as("every auto-remediable finding of a fixed share is resolved").isZero();
    }

    @Test
    void applyWithOnlyTheAuditKeyIsExitTwoWithNoRequestOfAnyKind() throws Exception {
        Console.Captured run = Console.capture(() -> nights.run(TestDatabases.h2(dir), "--dspm.remediation.mode=apply"));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("dspm.remediation.mode=apply changes shares with team.asset.update_scope, which only "
                + "the management key may call: set MANUS_ASSET_MGMT_KEY or MANUS_ASSET_MGMT_KEY_FILE");
        assertThat(simulator.requestCount()).isZero();
    }

    @Test
    void aPlanLargerThanMaxActionsIsHeldBackWholeAndSaysHowToRaiseTheCap() throws Exception {
        String db = TestDatabases.h2(dir);
        assertThat(nights.apply(db, "--dspm.remediation.max-actions=3")).isZero();
        long run = Snapshot.latestRun(db);

        assertThat(nights.updates()).isZero();
        long planned = actions(db, run, "PLANNED").size();
        assertThat(planned).isGreaterThan(3);
        assertThat(heldBack(db, run)).isEqualTo(List.of("TOO_MANY_ACTIONS", "the plan has " + planned + " actions, more than "
                + "dspm.remediation.max-actions=3: none is applied (a broken policy must not rewrite a tenant). Review the plan "
                + "in report.html; if it is right, apply it as reviewed by running again with --dspm.remediation.approved-plan="
                + run + " added (with the management key), or raise dspm.remediation.max-actions to at least " + planned + "."));
    }

    @Test
    void aSnapshotOlderThanMaxSnapshotAgeIsNotActedOn() throws Exception {
        String db = TestDatabases.h2(dir);
        assertThat(nights.apply(db, "--dspm.remediation.max-snapshot-age=PT0.001S")).isZero();

        assertThat(nights.updates()).isZero();
        assertThat(heldBack(db, Snapshot.latestRun(db)).get(0)).isEqualTo("SNAPSHOT_TOO_OLD");
    }

    @Test
    void anIncompleteScanIsNotActedOn() throws Exception {
        String db = TestDatabases.h2(dir);
        for (int request = 3; request < 40; request += 2) {
            simulator.faults().beforeListRequest(request, tenant -> tenant.removeShare(tenant.listed(TYPES[0]).get(0).uid()));
        }
        assertThat(nights.apply(db, "--dspm.scan.max-rereads=0", "--dspm.scan.page-size=50", "--dspm.scan.threads=1")).isZero();
        long run = Snapshot.latestRun(db);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_partition WHERE run_id = ? AND NOT complete", run)).isPositive();

        assertThat(actions(db, run, "PLANNED")).as("planned, for the report").isNotEmpty();
        assertThat(nights.updates()).isZero();
        assertThat(heldBack(db, run).get(0)).isEqualTo("INCOMPLETE_SCAN");
    }

    @Test
    void aKeyRefusedDuringApplyStopsEveryFurtherActionAndTheRunSaysSomeFailed() throws Exception {
        String db = TestDatabases.h2(dir);
        // The key passes its check before the scan, then is revoked: the first update_scope is refused.
        simulator.faults().beforeListRequest(2, tenant -> simulator.faults().failNextUpdates(403, 1_000));
        Console.Captured run = Console.capture(() -> nights.apply(db));
        long runId = Snapshot.latestRun(db);

        assertThat(run.exit()).isEqualTo(1);
        Map<String, Row> failed = actions(db, runId, "FAILED");
        assertThat(failed).as("the calls under way on the four threads when the first was refused, at most").hasSizeBetween(1, 4);
        assertThat(run.err()).contains("run " + runId + ": " + failed.size() + " remediation action" + (failed.size() == 1 ? "" : "s") + " failed");
        assertThat(nights.updates()).as("every call made was refused").isEqualTo(failed.size());
        assertThat(simulator.tenant().auditLog()).isEmpty();
        Map<String, Row> skipped = actions(db, runId, "SKIPPED");
        assertThat(skipped.values().stream().filter(a -> "PERMISSION_DENIED".equals(a.reason()))).isNotEmpty();
        assertThat(actions(db, runId, "PLANNED")).isEmpty();
        assertThat(heldBack(db, runId).get(0)).isEqualTo("PERMISSION_DENIED");
    }

    @Test
    void sharesThatMayNotBeActedOnAreSkippedWithTheirReason() throws Exception {
        String db = TestDatabases.h2(dir);
        assertThat(nights.run(db)).isZero();
        long run = Snapshot.latestRun(db);
        Map<String, Row> skipped = actions(db, run, "SKIPPED");

        assertThat(actions(db, run, "PLANNED")).as("every finding is a day younger than the default grace period").isEmpty();
        Map<String, Long> reasons = skipped.values().stream().collect(Collectors.groupingBy(Row::reason, Collectors.counting()));
        assertThat(reasons).containsKeys("GRACE_PERIOD", "NOT_AUTO_REMEDIATED");
        assertThat(skipped.values().stream().filter(a -> a.reason().equals("NOT_AUTO_REMEDIATED")))
                .allSatisfy(a -> assertThat(a.policy()).isEqualTo("public-website-publish"));
    }

    @Test
    @SystemTest
    void aRunKilledDuringItsConcurrentApplyIsResumedWithoutRepeatingAnAppliedActionAndSettlesEveryCallInFlight()
            throws Exception {
        String db = TestDatabases.h2(dir);
        // Killed while one call hangs unanswered and the other threads have changed three more shares beside it.
        nights.killMidCall(db, 3, 3);
        long runId = Snapshot.latestRun(db);
        Map<String, Row> inFlight = actions(db, runId, "IN_FLIGHT");
        String landed = simulator.requests().stream().filter(r -> r.path().equals(RemediationNights.UPDATE_SCOPE)
                && r.status() == 0).map(r -> r.body()).findFirst().orElseThrow();
        assertThat(inFlight.keySet()).as("the calls the process died in, the unanswered one among them")
                .hasSizeBetween(1, 4).anySatisfy(uid -> assertThat(landed).contains("\"" + uid + "\""));
        String stalled = inFlight.keySet().stream().filter(uid -> landed.contains("\"" + uid + "\"")).findFirst().orElseThrow();
        assertThat(simulator.tenant().auditLog().stream().map(AuditEntry::shareUid)).contains(stalled);
        Set<String> recorded = new HashSet<>(actions(db, runId, "APPLIED").keySet());
        recorded.addAll(inFlight.keySet());
        assertThat(recorded).as("each of the 7+ changes the server made is recorded APPLIED or IN_FLIGHT")
                .containsAll(simulator.tenant().auditLog().stream().map(AuditEntry::shareUid).toList());
        assertThat(actions(db, runId, "PLANNED")).as("some left to do").isNotEmpty();

        assertThat(nights.apply(db)).isZero();
        assertThat(Snapshot.latestRun(db)).as("the same run, resumed").isEqualTo(runId);
        Map<String, Row> applied = actions(db, runId, "APPLIED");
        List<String> calls = simulator.tenant().auditLog().stream().map(AuditEntry::shareUid).toList();
        assertThat(calls).as("no share changed twice").doesNotHaveDuplicates();
        assertThat(new HashSet<>(calls)).isEqualTo(applied.keySet());
        assertThat(applied.get(stalled).requestId()).as("settled by reading the share: its answer never came").isNull();
        assertThat(applied.keySet()).containsAll(inFlight.keySet());
        assertThat(actions(db, runId, "IN_FLIGHT")).isEmpty();
        assertThat(actions(db, runId, "PLANNED")).isEmpty();
        assertThat(actions(db, runId, "FAILED")).isEmpty();
    }

    @Test
    void anApprovedPlanIsAppliedAsReviewedAndASharedChangedSinceIsSkipped() throws Exception {
        String db = TestDatabases.h2(dir);
        assertThat(nights.run(db, "--dspm.remediation.grace-period=PT0S")).isZero();
        long reviewed = Snapshot.latestRun(db);
        Map<String, Row> plan = actions(db, reviewed, "PLANNED");
        Set<String> publicFiles = plan.values().stream().filter(a -> nights.listedShares().get(a.uid()).assetType().equals(TYPES[0])
                && a.from().equals("PUBLIC")).map(Row::uid).collect(Collectors.toSet());
        assertThat(publicFiles).isNotEmpty();
        // After the review: the file shares are capped by someone else, and a new public share appears.
        simulator.tenant().setGlobalControl(TYPES[0], "SHARE_SCOPE_TEAM_ONLY");
        String added = simulator.tenant().addShare("ASSET_TYPE_SESSION_SHARE");

        assertThat(nights.apply(db, "--dspm.remediation.approved-plan=" + reviewed)).isZero();
        long run = Snapshot.latestRun(db);
        Map<String, Row> applied = actions(db, run, "APPLIED");
        Map<String, Row> changed = new HashMap<>(actions(db, run, "SKIPPED"));
        changed.values().removeIf(a -> !a.reason().equals("CHANGED_SINCE_PLAN"));

        assertThat(changed.keySet()).isEqualTo(publicFiles);
        Set<String> expected = new HashSet<>(plan.keySet());
        expected.removeAll(publicFiles);
        assertThat(applied.keySet()).as("the reviewed plan, less what changed since").isEqualTo(expected);
        assertThat(simulator.tenant().auditLog().stream().map(AuditEntry::shareUid).toList())
                .containsExactlyInAnyOrderElementsOf(expected).doesNotContain(added);
        applied.values().forEach(a -> {
            assertThat(a.to()).isEqualTo(plan.get(a.uid()).to());
            assertThat(a.note()).startsWith("dspm-scanner run " + run + " (plan of run " + reviewed + ", approved): policy ");
        });
    }

    @Test
    void anApprovedPlanThatDoesNotExistIsExitTwoBeforeAnyRequest() throws Exception {
        String db = TestDatabases.h2(dir);
        assertThat(nights.run(db)).isZero();
        int requests = simulator.requestCount();
        Console.Captured run = Console.capture(() -> nights.apply(db, "--dspm.remediation.approved-plan=99"));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("dspm.remediation.approved-plan=99: no run with that id made a remediation plan");
        assertThat(simulator.requestCount()).isEqualTo(requests);
    }

    @Test
    void aWaivedAStaleAndAnAlreadyTightShareAreSkippedWithTheirReasonInARealRun() throws Exception {
        Path policies = dir.resolve("policies");
        try (Stream<Path> files = java.nio.file.Files.walk(Path.of("policies"))) {
            for (Path from : files.toList()) {
                java.nio.file.Files.copy(from, policies.resolve(Path.of("policies").relativize(from).toString()));
            }
        }
        // A rule that recommends TEAM_ONLY for shares already there, and for shares of deleted assets.
        java.nio.file.Files.writeString(policies.resolve("test-remediation.drl"), """
                package dspm.policies
                import dev.dspm.scanner.manus.ShareScope
                import dev.dspm.scanner.policy.Share
                global dev.dspm.scanner.policy.Findings findings
                rule "Team or deleted"
                    @id("team-or-deleted")
                    @title("Team share or share of a deleted asset")
                    @severity(LOW)
                    @recommendedScope(TEAM_ONLY)
                    @autoRemediate(true)
                    @rationale("for the test")
                when
                    $share : Share(permission == ShareScope.TEAM_ONLY || assetExists == false)
                then
                    findings.report(kcontext, $share);
                end
                """);
        ListedShare waived = nights.listedShares().values().stream().filter(s -> s.assetType().equals(TYPES[0])
                && s.permission().equals("SHARE_SCOPE_PUBLIC") && s.assetExists()).findFirst().orElseThrow();
        java.nio.file.Files.writeString(policies.resolve("exceptions.yaml"), """
                waivers:
                  - share_uid: "%s"
                    policy: "*"
                    justification: "launch material"
                    approved_by: "ciso@example.com"
                    expires: 2099-12-31
                """.formatted(waived.uid()));
        String db = TestDatabases.h2(dir);
        assertThat(nights.run(db, "--dspm.policies.dir=" + policies, "--dspm.remediation.grace-period=PT0S")).isZero();
        Map<String, Row> skipped = actions(db, Snapshot.latestRun(db), "SKIPPED");
        Map<String, ListedShare> shares = nights.listedShares();

        assertThat(skipped.get(waived.uid()).reason()).isEqualTo("WAIVED");
        Set<String> stale = shares.values().stream().filter(s -> !s.assetExists()).map(ListedShare::uid).collect(Collectors.toSet());
        Set<String> team = shares.values().stream().filter(s -> s.assetExists() && s.permission().equals("SHARE_SCOPE_TEAM_ONLY"))
                .map(ListedShare::uid).collect(Collectors.toSet());
        assertThat(stale).isNotEmpty();
        assertThat(skipped.values().stream().filter(a -> a.reason().equals("STALE_SHARE")).map(Row::uid))
                .containsExactlyInAnyOrderElementsOf(stale);
        assertThat(skipped.values().stream().filter(a -> a.reason().equals("ALREADY_TIGHT")).map(Row::uid))
                .as("team shares no policy would tighten further").isNotEmpty().allSatisfy(uid -> assertThat(team).contains(uid));
        assertThat(nights.updates()).isZero();
    }

    /** The shares a plan must act on, said another way: some open finding of an auto policy recommends tighter. */
    static long expectedPlan(String db, long runId) throws SQLException {
        return Snapshot.single(db, """
                SELECT COUNT(DISTINCT f.share_uid) FROM finding f JOIN run_policy p ON p.run_id = f.run_id AND p.policy_id = f.policy_id
                WHERE f.run_id = ? AND p.auto_remediate AND f.status IN ('NEW', 'OPEN') AND f.asset_exists
                  AND (f.permission = 'PUBLIC' AND p.recommended_scope IN ('TEAM_ONLY', 'OWNER')
                       OR f.permission = 'TEAM_ONLY' AND p.recommended_scope = 'OWNER')""", runId);
    }
}
