package dev.dspm.scanner.remediation;

import static dev.dspm.scanner.remediation.RemediationNights.UPDATE_SCOPE;
import static dev.dspm.scanner.remediation.RemediationNights.actions;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.Snapshot;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.manus.AssetType;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.RecordedRequest;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * The requests an apply sends, counted in the simulator's request log: one listing per owner and asset type for all
 * of that owner's planned shares of the type (never one per action), one update_scope per action, and nothing else
 * beyond the scan's own pages.
 */
class ApplyCallsTests {

    private static final String LIST = "/v2/team.asset.list";

    @TempDir
    Path dir;

    ManusSimulator simulator;
    RemediationNights nights;

    @BeforeEach
    void start() {
        simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(43L, 400)));
        nights = new RemediationNights(simulator, dir);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void aPlanOfNActionsOverKOwnersAndTypesIsReadInKListingsAndSentInNCalls() throws Exception {
        String db = TestDatabases.h2(dir);
        assertThat(nights.run(db, "--dspm.remediation.grace-period=PT0S")).isZero();
        List<RecordedRequest> planNight = simulator.requests();
        assertThat(ownersListings(planNight)).as("a plan reads no share again").isEmpty();

        assertThat(nights.apply(db)).isZero();
        List<RecordedRequest> applyNight = simulator.requests().subList(planNight.size(), simulator.requests().size());
        long run = Snapshot.latestRun(db);
        Set<String> applied = actions(db, run, "APPLIED").keySet();
        List<List<String>> ownersAndTypes = ownersAndTypes(db, run);
        assertThat(applied).hasSizeGreaterThan(40);
        assertThat(actions(db, run, "SKIPPED").values()).as("nothing drifted: every action was sent")
                .allSatisfy(a -> assertThat(a.reason()).isNotIn("SHARE_GONE", "CHANGED_SINCE_PLAN", "ALREADY_TIGHT"));
        assertThat(ownersAndTypes).as("K listings, fewer than the N actions").hasSizeLessThan(applied.size());

        List<List<String>> readAgain = ownersListings(applyNight).stream()
                .map(r -> List.of(r.query().get("asset_type"), r.query().get("owner_id"), r.query().get("offset"))).toList();
        assertThat(readAgain).as("one first page per owner and type").containsExactlyInAnyOrderElementsOf(
                ownersAndTypes.stream().map(key -> List.of(key.get(0), key.get(1), "0")).toList());
        int firstReading = applyNight.indexOf(ownersListings(applyNight).get(0));
        assertThat(listings(applyNight).stream().filter(r -> !r.query().containsKey("owner_id")))
                .as("every other listing is the scan's, before remediation").allSatisfy(r -> assertThat(applyNight.indexOf(r))
                        .isLessThan(firstReading));
        List<String> sent = applyNight.stream().filter(r -> r.path().equals(UPDATE_SCOPE)
                && !r.body().contains(RemediationNights.KEY_CHECK)).map(RecordedRequest::body).toList();
        assertThat(sent).as("one update_scope per action").hasSize(applied.size());
        assertThat(nights.changed()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(applied);
    }

    private static List<RecordedRequest> listings(List<RecordedRequest> requests) {
        return requests.stream().filter(r -> r.path().equals(LIST)).toList();
    }

    private static List<RecordedRequest> ownersListings(List<RecordedRequest> requests) {
        return listings(requests).stream().filter(r -> r.query().containsKey("owner_id")).toList();
    }

    /** The distinct (asset type, owner) of the run's applied actions. */
    private static List<List<String>> ownersAndTypes(String db, long run) throws Exception {
        Set<List<String>> keys = new HashSet<>();
        try (Connection connection = TestDatabases.connect(db); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT asset_type, owner_id FROM remediation_action WHERE run_id = "
                        + run + " AND status = 'APPLIED'")) {
            while (rs.next()) {
                keys.add(List.of(AssetType.parse(rs.getString(1)).orElseThrow().wireName(), rs.getString(2)));
            }
        }
        return new ArrayList<>(keys);
    }
}
