package dev.dspm.scanner.remediation;

import static dev.dspm.scanner.remediation.RemediationNights.actions;
import static dev.dspm.scanner.remediation.RemediationNights.skipped;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
 * {@code dspm.remediation.revert}: a run's changes taken back in one command, each share once, except a share someone
 * changed since; counted by the simulator's audit log and the shares' scopes as the API lists them.
 */
class RevertsTests {

    @TempDir
    Path dir;

    ManusSimulator simulator;
    RemediationNights nights;
    String db;
    /** The scope the admin set by hand. */
    String setByHand;

    @BeforeEach
    void start() {
        simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(43L, 120)));
        nights = new RemediationNights(simulator, dir);
        db = TestDatabases.h2(dir);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void aRevertRestoresEveryShareTheRunChangedButTheOneChangedByHandSince() throws Exception {
        Map<String, Row> applied = applyThenChangeOneByHand();
        String byHand = byHand(applied);

        Console.Captured run = Console.capture(() -> nights.apply(db, "--dspm.remediation.revert=1"));

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("remediation (apply, reverting run 1): 0 planned, " + (applied.size() - 1) + " applied");
        Set<String> restored = new HashSet<>(applied.keySet());
        restored.remove(byHand);
        assertRestored(applied, restored, byHand);
        List<AuditEntry> revert = revertEntries(applied.size());
        assertThat(revert).extracting(AuditEntry::shareUid).containsExactlyInAnyOrderElementsOf(restored);
        revert.forEach(entry -> assertThat(entry.note()).startsWith("dspm-scanner run 2 (reverting run 1): policy "
                + applied.get(entry.shareUid()).policy() + " (").endsWith(") " + applied.get(entry.shareUid()).to() + " -> "
                + applied.get(entry.shareUid()).from()));

        assertThat(nights.apply(db, "--dspm.remediation.revert=1")).as("a second revert").isZero();
        assertThat(revertEntries(applied.size())).as("finds every share already back: nothing sent").hasSameSizeAs(revert);
    }

    @Test
    void aRevertLeavesAloneAShareGoneSinceAndOneWhoseAssetIsDeleted() throws Exception {
        assertThat(nights.apply(db)).isZero();
        Map<String, Row> applied = actions(db, 1, "APPLIED");
        List<String> uids = applied.keySet().stream().sorted().toList();
        String gone = uids.get(0);
        String stale = uids.get(1);
        simulator.tenant().removeShare(gone);
        simulator.tenant().deleteAsset(stale);

        assertThat(nights.apply(db, "--dspm.remediation.revert=1")).isZero();

        assertThat(skipped(db, 2, SkipReason.SHARE_GONE).keySet()).containsExactly(gone);
        assertThat(skipped(db, 2, SkipReason.STALE_SHARE).keySet()).containsExactly(stale);
        Set<String> restored = new HashSet<>(applied.keySet());
        restored.removeAll(Set.of(gone, stale));
        assertThat(actions(db, 2, "APPLIED").keySet()).isEqualTo(restored);
        assertThat(revertEntries(applied.size() - 1)).extracting(AuditEntry::shareUid)
                .as("an update_scope for each restored share, none for the two").containsExactlyInAnyOrderElementsOf(restored);
    }

    @Test
    @SystemTest
    void aRevertKilledMidCallAndResumedWritesNoShareTwice() throws Exception {
        Map<String, Row> applied = applyThenChangeOneByHand();
        String byHand = byHand(applied);

        nights.killMidCall(db, 3, "--dspm.remediation.revert=1");
        assertThat(actions(db, 2, "IN_FLIGHT")).as("the calls the process died in, one per thread at most").hasSizeBetween(1, 4);
        assertThat(actions(db, 2, "PLANNED")).as("some left to do").isNotEmpty();

        assertThat(nights.apply(db, "--dspm.remediation.revert=1")).isZero();

        assertThat(Snapshot.latestRun(db)).as("the same run, resumed").isEqualTo(2);
        Set<String> restored = new HashSet<>(applied.keySet());
        restored.remove(byHand);
        assertRestored(applied, restored, byHand);
        assertThat(revertEntries(applied.size())).extracting(AuditEntry::shareUid).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(restored);
    }

    /** Night 1 applies its plan; then an admin sets one of those shares to another scope by hand (an audit entry too). */
    private Map<String, Row> applyThenChangeOneByHand() throws Exception {
        assertThat(nights.apply(db)).isZero();
        Map<String, Row> applied = actions(db, 1, "APPLIED");
        assertThat(applied).hasSizeGreaterThanOrEqualTo(10);
        Row row = applied.get(byHand(applied));
        setByHand = "SHARE_SCOPE_" + (row.to().equals("OWNER") ? "TEAM_ONLY" : "OWNER");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                simulator.baseUrl().resolve(RemediationNights.UPDATE_SCOPE))
                .header("X-API-Key", ManusSimulator.MGMT_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"share_uid\":\"" + row.uid() + "\",\"permission\":\""
                        + setByHand + "\",\"note\":\"by hand\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return applied;
    }

    private static String byHand(Map<String, Row> applied) {
        return applied.keySet().stream().sorted().findFirst().orElseThrow();
    }

    /** Each restored share is back at the scope night 1 found it at; the one changed by hand is as it was left. */
    private void assertRestored(Map<String, Row> applied, Set<String> restored, String byHand) throws Exception {
        assertThat(actions(db, 2, "APPLIED").keySet()).isEqualTo(restored);
        assertThat(skipped(db, 2, SkipReason.CHANGED_SINCE_PLAN).keySet()).containsExactly(byHand);
        Map<String, ListedShare> now = nights.listedShares();
        for (String uid : restored) {
            assertThat(now.get(uid).permission()).as(uid).isEqualTo("SHARE_SCOPE_" + applied.get(uid).from());
        }
        assertThat(simulator.tenant().overrideOf(byHand)).hasValue(setByHand);
    }

    /** The audit entries after night 1's and the one made by hand. */
    private List<AuditEntry> revertEntries(int applied) {
        List<AuditEntry> log = simulator.tenant().auditLog();
        return log.subList(applied + 1, log.size());
    }
}
