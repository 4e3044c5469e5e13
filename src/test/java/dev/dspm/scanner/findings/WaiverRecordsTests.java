package dev.dspm.scanner.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

import dev.dspm.scanner.Console;
import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.Snapshot;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.policy.waiver.Waivers;
import dev.dspm.scanner.simulator.ListedShare;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/** Waivers of exceptions.yaml applied by the nightly job: excepted, expired, unused, and refused at start-up. */
class WaiverRecordsTests {

    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @TempDir
    Path dir;

    ManusSimulator simulator;
    Path policies;
    String db;

    @BeforeEach
    void start() throws Exception {
        simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(37L, 2_000)));
        policies = dir.resolve("policies");
        FileSystemUtils.copyRecursively(Path.of("policies"), policies);
        db = TestDatabases.h2(dir);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void activeWaiversExceptTheirFindingsExpiredOnesNoLongerDoAndUnusedOnesAreCounted() throws Exception {
        ListedShare publicFile = simulator.tenant().listed("ASSET_TYPE_FILE_SHARE").stream()
                .filter(share -> "SHARE_SCOPE_PUBLIC".equals(share.permission()) && share.assetExists()).findFirst().orElseThrow();
        String owner = simulator.tenant().ownerIds().get(3);
        long ownersFindings = ownerFindingsWithoutWaivers(owner);
        Files.writeString(policies.resolve("exceptions.yaml"), """
                waivers:
                  - owner_id: "%s"
                    policy: "*"
                    justification: "press office, public by design"
                    approved_by: "ciso@example.com"
                    expires: %s
                  - share_uid: "%s"
                    policy: public-file-share
                    justification: "launch material"
                    approved_by: "ciso@example.com"
                    expires: %s
                  - share_uid: "no-such-share"
                    policy: public-file-share
                    justification: "left over"
                    approved_by: "ciso@example.com"
                    expires: %s
                """.formatted(owner, TODAY, publicFile.uid(), TODAY.minusDays(1), TODAY.plusDays(30)));
        knownBefore("share_uid:" + publicFile.uid() + "/public-file-share");

        assertThat(JobRun.against(simulator, db, "--dspm.policies.dir=" + policies)).isZero();
        long run = Snapshot.latestRun(db);

        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM finding WHERE run_id = ? AND owner_id = ? AND status = 'EXCEPTED' "
                + "AND waiver_active", run, owner)).isEqualTo(ownersFindings).isPositive();
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM finding WHERE run_id = ? AND status = 'EXCEPTED' AND owner_id <> ?",
                run, owner)).isZero();
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM finding WHERE run_id = ? AND share_uid = ? AND policy_id = "
                + "'public-file-share' AND status = 'NEW' AND NOT waiver_active AND waiver_key LIKE 'share_uid:%'", run,
                publicFile.uid())).as("expired: reported, no longer excepted").isEqualTo(1);
        assertThat(Snapshot.single(db, "SELECT matched FROM run_waiver WHERE run_id = ? AND match_value = 'no-such-share'", run))
                .as("unused").isZero();
        assertThat(Snapshot.single(db, "SELECT matched FROM run_waiver WHERE run_id = ? AND match_value = ?", run, owner))
                .isEqualTo(ownersFindings);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM run_waiver WHERE run_id = ? AND NOT active", run)).isEqualTo(1);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM known_waiver")).isEqualTo(3);
    }

    @Test
    void aNewWaiverAlreadyExpiredIsExitTwoNamingItsLineBeforeAnyRequest() throws Exception {
        Files.writeString(policies.resolve("exceptions.yaml"), """
                waivers:
                  - name_prefix: "press kit"
                    policy: public-website-publish
                    justification: "typo in the year"
                    approved_by: "ciso@example.com"
                    expires: %s
                """.formatted(TODAY.minusYears(1)));

        Console.Captured run = Console.capture(() -> JobRun.against(simulator, db, "--dspm.policies.dir=" + policies));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("dspm-scanner: policy error: " + policies.resolve("exceptions.yaml") + ":2:");
        assertThat(simulator.requestCount()).isZero();
    }

    /** What a run of the whole job finds for this owner with no waiver at all, in a database of its own. */
    private long ownerFindingsWithoutWaivers(String owner) throws Exception {
        String clean = TestDatabases.h2(dir.resolve("clean"));
        assertThat(JobRun.against(simulator, clean)).isZero();
        return Snapshot.single(clean, "SELECT COUNT(*) FROM finding WHERE owner_id = ?", owner);
    }

    /** As if an earlier run had loaded this waiver while it was still valid. */
    private void knownBefore(String key) throws Exception {
        assertThat(JobRun.against(simulator, db, "--dspm.scan.asset-types=WEBSITE_PUBLISH")).isZero();
        try (Connection connection = TestDatabases.connect(db);
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO known_waiver (tenant, waiver_key, first_loaded) SELECT tenant, ?, started_at FROM scan_run")) {
            insert.setString(1, key);
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
    }
}
