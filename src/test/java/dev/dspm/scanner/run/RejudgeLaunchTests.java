package dev.dspm.scanner.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

import dev.dspm.scanner.Console;
import dev.dspm.scanner.DspmScannerApplication;
import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.Snapshot;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/** {@code --rejudge}: a stored snapshot judged again by edited policies, with no request and no key. */
class RejudgeLaunchTests {

    static final String USER_RULE = """
            package dspm.policies
            import dev.dspm.scanner.manus.AssetType
            import dev.dspm.scanner.manus.ShareScope
            import dev.dspm.scanner.policy.Share
            global dev.dspm.scanner.policy.Findings findings

            rule "Team project share"
                @id("team-project-share") @title("Project shared with the team") @severity(LOW)
                @recommendedScope(OWNER) @autoRemediate(false) @rationale("our own policy: projects stay private")
            when
                $share : Share(assetType == AssetType.PROJECT_SHARE, permission == ShareScope.TEAM_ONLY)
            then
                findings.report(kcontext, $share);
            end
            """;

    @TempDir
    Path dir;

    ManusSimulator simulator;

    @BeforeEach
    void startSimulator() {
        simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(31L, 2_000)));
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    @Test
    void anEditedPolicyFolderRejudgesTheNewestSnapshotWithNoRequestAndNoKey() throws Exception {
        String db = TestDatabases.h2(dir);
        assertThat(JobRun.against(simulator, db)).isZero();
        long run = Snapshot.latestRun(db);
        long before = Snapshot.single(db, "SELECT COUNT(*) FROM finding WHERE run_id = ?", run);
        Path policies = dir.resolve("policies");
        FileSystemUtils.copyRecursively(Path.of("policies"), policies);
        Files.writeString(policies.resolve("projects.drl"), USER_RULE);
        long teamProjects = simulator.tenant().listed("ASSET_TYPE_PROJECT_SHARE").stream()
                .filter(share -> "SHARE_SCOPE_TEAM_ONLY".equals(share.permission())).count();
        int requests = simulator.requestCount();

        Console.Captured console = Console.capture(() -> rejudge(db, "--rejudge", "--dspm.policies.dir=" + policies));
        assertThat(console.exit()).isZero();

        assertThat(simulator.requestCount()).as("no request").isEqualTo(requests);
        assertThat(Snapshot.latestRun(db)).as("no new run").isEqualTo(run);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM finding WHERE run_id = ? AND policy_id = 'team-project-share'", run))
                .isEqualTo(teamProjects).isPositive();
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM finding WHERE run_id = ?", run)).isEqualTo(before + teamProjects);
        assertThat(console.out()).contains("run " + run + " judged again").contains("team-project-share");

        Files.delete(policies.resolve("projects.drl"));
        assertThat(rejudge(db, "--rejudge=" + run, "--dspm.policies.dir=" + policies)).isZero();
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM finding WHERE run_id = ?", run)).isEqualTo(before);
    }

    @Test
    void aRunThatIsNotThereOrNotANumberIsABadConfiguration() throws Exception {
        String db = TestDatabases.h2(dir);
        Console.Captured none = Console.capture(() -> rejudge(db, "--rejudge"));
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("no complete snapshot").contains("run a scan first");
        Console.Captured missing = Console.capture(() -> rejudge(db, "--rejudge=42"));
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("--rejudge=42: no sealed snapshot has that run id");
        Console.Captured word = Console.capture(() -> rejudge(db, "--rejudge=yesterday"));
        assertThat(word.exit()).isEqualTo(2);
        assertThat(word.err()).contains("must name a run id");
        assertThat(simulator.requestCount()).isZero();
    }

    @Test
    void aRejudgeReplansSoARemovedPolicyLeavesNoActionAndANewlyWaivedShareNoPlannedOne() throws Exception {
        String db = TestDatabases.h2(dir);
        assertThat(JobRun.against(simulator, db, "--dspm.remediation.grace-period=PT0S")).isZero();
        long run = Snapshot.latestRun(db);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM remediation_action WHERE run_id = ? AND policy_id = "
                + "'public-file-share'", run)).isPositive();
        String waived = Snapshot.text(db, "SELECT MIN(share_uid) FROM remediation_action WHERE run_id = ? AND status = "
                + "'PLANNED' AND policy_id <> 'public-file-share'", run);
        Path policies = dir.resolve("policies");
        FileSystemUtils.copyRecursively(Path.of("policies"), policies);
        String pack = Files.readString(policies.resolve("public-shares.drl"));
        int rule = pack.indexOf("rule \"Public file share\"");
        Files.writeString(policies.resolve("public-shares.drl"),
                pack.substring(0, rule) + pack.substring(pack.indexOf("\nend\n", rule) + "\nend\n".length()));
        Files.writeString(policies.resolve("exceptions.yaml"), """
                waivers:
                  - share_uid: "%s"
                    policy: "*"
                    justification: "waived after the night"
                    approved_by: "ciso@example.com"
                    expires: 2099-12-31
                """.formatted(waived));

        assertThat(rejudge(db, "--rejudge=" + run, "--dspm.policies.dir=" + policies, "--dspm.remediation.grace-period=PT0S",
                "--dspm.remediation.mode=apply")).isZero();

        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM remediation_action WHERE run_id = ? AND policy_id = "
                + "'public-file-share'", run)).as("no action cites the removed policy").isZero();
        assertThat(Snapshot.text(db, "SELECT status || ' ' || reason FROM remediation_action WHERE run_id = ? AND share_uid = ?",
                run, waived)).isEqualTo("SKIPPED WAIVED");
        assertThat(Snapshot.text(db, "SELECT mode FROM run_remediation WHERE run_id = ?", run)).as("re-planned, never applied")
                .isEqualTo("PLAN");
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM remediation_action WHERE run_id = ? AND status = 'PLANNED'", run))
                .isPositive();
    }

    @Test
    void theNewestCompleteSnapshotIsTheNewestOfTheWholeTenantNeverAFilteredOne() throws Exception {
        String db = TestDatabases.h2(dir);
        assertThat(JobRun.against(simulator, db)).isZero();
        long whole = Snapshot.latestRun(db);
        assertThat(JobRun.against(simulator, db, "--dspm.scan.asset-types=FILE_SHARE")).isZero();
        assertThat(JobRun.against(simulator, db, "--dspm.scan.keyword=a")).isZero();

        Console.Captured console = Console.capture(() -> rejudge(db, "--rejudge"));

        assertThat(console.exit()).isZero();
        assertThat(console.out()).contains("run " + whole + " judged again");
    }

    @Test
    void aRejudgeWhileAScanHoldsTheTenantsLockIsRefusedWithExitOne() throws Exception {
        String db = TestDatabases.h2(dir);
        assertThat(JobRun.against(simulator, db)).isZero();
        long judgedAt = Snapshot.single(db, "SELECT COUNT(*) FROM finding WHERE run_id = 1");
        try (LockDatabase database = new LockDatabase(db); HeldRunLock held = database.lock(java.time.Duration.ofMinutes(2))
                .acquire(Tenant.of(null, simulator.baseUrl()).name(), reason -> { })) {
            Console.Captured refused = Console.capture(() -> rejudge(db, "--rejudge"));

            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).contains("another run").contains("in progress");
        }
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM finding WHERE run_id = 1")).as("its findings untouched")
                .isEqualTo(judgedAt);
    }

    private int rejudge(String db, String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--dspm.api.base-url=" + simulator.baseUrl();
        all[1] = "--spring.datasource.url=" + db;
        all[2] = "--spring.datasource.username=sa";
        all[3] = "--dspm.report.dir=" + JobRun.reports(db);
        System.arraycopy(args, 0, all, 4, args.length);
        return DspmScannerApplication.run(all, Map.of());
    }
}
