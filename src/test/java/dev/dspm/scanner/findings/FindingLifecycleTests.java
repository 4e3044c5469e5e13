package dev.dspm.scanner.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.Snapshot;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.policy.Findings;
import dev.dspm.scanner.simulator.ListedShare;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * Findings across nightly runs of the whole job against the simulator: NEW, then OPEN, then RESOLVED once a
 * share is tightened or deleted; never RESOLVED by a run that could not see the share.
 */
class FindingLifecycleTests {

    static final String FILE = "ASSET_TYPE_FILE_SHARE";
    static final String SESSION = "ASSET_TYPE_SESSION_SHARE";
    static final String PUBLIC = "SHARE_SCOPE_PUBLIC";
    static final String TEAM_ONLY = "SHARE_SCOPE_TEAM_ONLY";

    @TempDir
    Path dir;

    ManusSimulator simulator;

    @BeforeEach
    void startSimulator() {
        simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(13L, 3_000)));
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void newThenOpenThenResolvedOnceTheShareIsTightenedOrDeleted(String kind) throws SQLException {
        String db = TestDatabases.of(kind, dir);
        long publicFiles = publicShares(FILE);
        long publicSessions = publicShares(SESSION);

        assertThat(JobRun.against(simulator, db)).isZero();
        long first = Snapshot.latestRun(db);
        assertThat(count(db, first, "public-file-share", "NEW")).isEqualTo(publicFiles).isPositive();
        assertThat(count(db, first, "public-session-share", "NEW")).isEqualTo(publicSessions).isPositive();
        long all = count(db, first, null, "NEW");
        assertThat(count(db, first, null, null)).isEqualTo(all);
        assertThat(count(db, first, "stale-public-share", "NEW")).isEqualTo(stalePublicShares(db, first)).isPositive();
        assertThat(Snapshot.single(db, """
                SELECT COUNT(*) FROM finding f JOIN share_snapshot s ON s.run_id = f.run_id AND s.uid = f.share_uid
                WHERE f.run_id = ? AND (f.asset_type IS DISTINCT FROM s.asset_type OR f.asset_name IS DISTINCT FROM s.asset_name
                   OR f.owner_id IS DISTINCT FROM s.owner_id OR f.permission IS DISTINCT FROM s.permission
                   OR f.permission_raw IS DISTINCT FROM s.permission_raw OR f.max_permission IS DISTINCT FROM s.max_permission
                   OR f.max_permission_raw IS DISTINCT FROM s.max_permission_raw OR f.asset_exists IS DISTINCT FROM s.asset_exists)""",
                first)).as("each finding carries its share's fields as scanned").isZero();

        assertThat(JobRun.against(simulator, db)).isZero();
        long second = Snapshot.latestRun(db);
        assertThat(count(db, second, null, "OPEN")).isEqualTo(all);
        assertThat(count(db, second, null, null)).isEqualTo(all);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM finding WHERE run_id = ? AND (first_seen_run <> ? OR NOT seen)",
                second, first)).isZero();

        String deleted = publicShare(SESSION);
        simulator.tenant().removeShare(deleted);
        simulator.tenant().setGlobalControl(FILE, TEAM_ONLY);
        assertThat(JobRun.against(simulator, db)).isZero();
        long third = Snapshot.latestRun(db);

        assertThat(count(db, third, "public-file-share", "RESOLVED")).isEqualTo(publicFiles);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM finding WHERE run_id = ? AND policy_id = 'public-file-share' "
                + "AND resolution = 'SHARE_CHANGED' AND NOT seen AND last_seen_run = ?", third, second)).isEqualTo(publicFiles);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM finding WHERE run_id = ? AND share_uid = ? "
                + "AND policy_id = 'public-session-share' AND status = 'RESOLVED' AND resolution = 'SHARE_GONE'", third, deleted))
                .isEqualTo(1);
        assertThat(count(db, third, "public-session-share", "OPEN")).isEqualTo(publicSessions - 1);

        simulator.tenant().setGlobalControl(FILE, PUBLIC);
        assertThat(JobRun.against(simulator, db)).isZero();
        long fourth = Snapshot.latestRun(db);
        assertThat(count(db, fourth, "public-session-share", null)).as("a resolved finding is not carried again")
                .isEqualTo(publicSessions - 1);
        assertThat(count(db, fourth, "public-session-share", "OPEN")).isEqualTo(publicSessions - 1);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM finding WHERE run_id = ? AND policy_id = 'public-session-share' "
                + "AND first_seen_run = ?", fourth, first)).isEqualTo(publicSessions - 1);
        assertThat(count(db, fourth, "public-file-share", "NEW")).as("widened again after it was resolved: new, first seen tonight")
                .isEqualTo(publicFiles);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM finding WHERE run_id = ? AND policy_id = 'public-file-share' "
                + "AND first_seen_run = ? AND seen", fourth, fourth)).isEqualTo(publicFiles);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void aPartitionScannedIncompletelyOrNotAtAllResolvesNothing(String kind) throws SQLException {
        String db = TestDatabases.of(kind, dir);
        long publicFiles = publicShares(FILE);
        long publicSessions = publicShares(SESSION);
        assertThat(JobRun.against(simulator, db)).isZero();
        long first = Snapshot.latestRun(db);
        long websites = count(db, first, "public-website-publish", null);
        assertThat(websites).isPositive();

        // Both types tightened, but the file listing keeps moving while it is paged, and sites are not scanned.
        simulator.tenant().setGlobalControl(FILE, TEAM_ONLY);
        simulator.tenant().setGlobalControl(SESSION, TEAM_ONLY);
        for (int request = 3; request < 80; request += 2) {
            simulator.faults().beforeListRequest(request, tenant -> tenant.removeShare(tenant.listed(FILE).get(0).uid()));
        }
        assertThat(JobRun.against(simulator, db, "--dspm.scan.asset-types=FILE_SHARE,SESSION_SHARE",
                "--dspm.scan.max-rereads=0", "--dspm.scan.page-size=50", "--dspm.scan.threads=1")).isZero();
        long second = Snapshot.latestRun(db);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_partition WHERE run_id = ? AND asset_type = 'FILE_SHARE' "
                + "AND NOT complete", second)).isEqualTo(1);

        assertThat(count(db, second, "public-session-share", "RESOLVED")).isEqualTo(publicSessions);
        assertThat(count(db, second, "public-file-share", "OPEN")).as("the file listing was incomplete").isEqualTo(publicFiles);
        assertThat(count(db, second, "public-file-share", "RESOLVED")).isZero();
        assertThat(count(db, second, "public-website-publish", "OPEN")).as("sites were not scanned").isEqualTo(websites);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM finding WHERE run_id = ? AND policy_id = 'public-file-share' "
                + "AND NOT seen AND last_seen_run = ? AND first_seen_run = ?", second, first, first)).isEqualTo(publicFiles);
    }

    /** A scan filtered by name or time lists only some shares: one it did not list may merely be outside the filter. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void aFilteredScanResolvesNothing(String kind) throws SQLException {
        String db = TestDatabases.of(kind, dir);
        assertThat(JobRun.against(simulator, db)).isZero();
        long all = count(db, Snapshot.latestRun(db), null, null);

        assertThat(JobRun.against(simulator, db, "--dspm.scan.keyword=no share is named like this")).isZero();
        long filtered = Snapshot.latestRun(db);

        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_partition WHERE run_id = ? AND complete", filtered)).isEqualTo(5);
        assertThat(count(db, filtered, null, "OPEN")).isEqualTo(all);
        assertThat(count(db, filtered, null, "RESOLVED")).isZero();
    }

    /** Public shares of existing assets not changed for more than 90 days before the run began, from the simulator. */
    private long stalePublicShares(String db, long run) throws SQLException {
        Instant staleBefore = Instant.ofEpochMilli(Snapshot.single(db,
                "SELECT CAST(EXTRACT(EPOCH FROM started_at) * 1000 AS BIGINT) FROM scan_run WHERE run_id = ?", run))
                .minus(Duration.ofDays(90));
        return Stream.of("ASSET_TYPE_SESSION_COLLABORATION", SESSION, FILE, "ASSET_TYPE_WEBSITE_PUBLISH", "ASSET_TYPE_PROJECT_SHARE")
                .flatMap(type -> simulator.tenant().listed(type).stream())
                .filter(share -> PUBLIC.equals(share.permission()) && share.assetExists())
                .map(share -> share.lastOperatedAt() != null ? share.lastOperatedAt() : share.sharedAt())
                .filter(active -> active != null && Instant.parse(active).isBefore(staleBefore))
                .count();
    }

    private long publicShares(String type) {
        return simulator.tenant().listed(type).stream().filter(share -> PUBLIC.equals(share.permission()) && share.assetExists())
                .count();
    }

    private String publicShare(String type) {
        return simulator.tenant().listed(type).stream().filter(share -> PUBLIC.equals(share.permission()) && share.assetExists())
                .map(ListedShare::uid).findFirst().orElseThrow();
    }

    static long count(String db, long runId, String policy, String status) throws SQLException {
        return Snapshot.single(db, "SELECT COUNT(*) FROM finding WHERE run_id = ?"
                + (policy == null ? "" : " AND policy_id = '" + policy + "'")
                + (status == null ? "" : " AND status = '" + status + "'"), runId);
    }
}
