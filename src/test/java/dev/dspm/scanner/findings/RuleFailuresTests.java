package dev.dspm.scanner.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.FileSystemUtils;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.dspm.scanner.Console;
import dev.dspm.scanner.DspmScannerApplication;
import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.Snapshot;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.simulator.ListedShare;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * A rule that throws on one share at run time (issue 26 item 17): the night goes on, its report is written with the
 * rule named in it, the other shares' findings are real, and the failing share's earlier findings stay OPEN, not
 * RESOLVED, because nothing judged it. The run exits 1 so that the night is looked at.
 */
class RuleFailuresTests {

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
    void aRuleThatFailsOnAShareKeepsItsEarlierFindingsOpenAndTheNightIsReported(String kind) throws Exception {
        String db = TestDatabases.of(kind, dir);
        Path policies = dir.resolve("policies");
        FileSystemUtils.copyRecursively(Path.of("policies"), policies);
        Path reports = dir.resolve("reports");
        String[] args = { "--dspm.policies.dir=" + policies, "--dspm.report.dir=" + reports };
        assertThat(JobRun.against(simulator, db, args)).isZero();
        long first = Snapshot.latestRun(db);
        long publicFiles = FindingLifecycleTests.count(db, first, "public-file-share", "NEW");
        long otherTypes = Snapshot.single(db, "SELECT COUNT(*) FROM finding WHERE run_id = ? AND asset_type <> 'FILE_SHARE'", first);
        assertThat(otherTypes).isPositive();
        assertThat(publicFiles).isGreaterThan(2);
        String failing = simulator.tenant().listed(FindingLifecycleTests.FILE).stream()
                .filter(share -> FindingLifecycleTests.PUBLIC.equals(share.permission()) && share.assetExists()).map(ListedShare::uid)
                .findFirst().orElseThrow();

        // Every file share is tightened: judged, each public-file-share finding is RESOLVED; the failing share's is not.
        simulator.tenant().setGlobalControl(FindingLifecycleTests.FILE, FindingLifecycleTests.TEAM_ONLY);
        Files.writeString(policies.resolve("numbers.drl"), """
                package policies
                import dev.dspm.scanner.policy.RunContext
                import dev.dspm.scanner.policy.Share
                global dev.dspm.scanner.policy.Findings findings

                rule "Numbered names"
                    @id("numbered") @title("N") @severity(LOW) @recommendedScope(none) @autoRemediate(false) @rationale("r")
                when
                    $context : RunContext()
                    $share : Share(uid == "%s", $context.number("no-such-setting") > 0)
                then
                    findings.report(kcontext, $share);
                end
                """.formatted(failing));
        Console.Captured night = Console.capture(() -> DspmScannerApplication.run(
                JobRun.arguments(simulator, db, args).toArray(String[]::new),
                Map.of("MANUS_ASSET_AUDIT_KEY", ManusSimulator.AUDIT_KEY)));
        assertThat(night.exit()).as("a rule failed: exit 1").isEqualTo(1);
        assertThat(night.out() + night.err()).as("the summary and the last line name the rule, its file and line, and the share")
                .contains("rule \"Numbered names\" (numbered, " + policies.resolve("numbers.drl") + ":6) failed on 1 share, first "
                        + failing + ": ")
                .contains("--rejudge=");
        long second = Snapshot.latestRun(db);

        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_run WHERE run_id = ? AND evaluated_at IS NOT NULL", second))
                .as("the night was judged").isEqualTo(1);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM finding WHERE run_id = ? AND share_uid = ? AND status = 'OPEN' "
                + "AND NOT seen AND resolution IS NULL AND first_seen_run = ?", second, failing, first)).isEqualTo(1);
        assertThat(FindingLifecycleTests.count(db, second, "public-file-share", "RESOLVED")).isEqualTo(publicFiles - 1);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM finding WHERE run_id = ? AND asset_type <> 'FILE_SHARE' "
                + "AND status = 'OPEN' AND seen", second)).as("the other types' shares were judged").isEqualTo(otherTypes);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM rule_failure WHERE run_id = ? AND share_uid = ? "
                + "AND policy_id = 'numbered' AND policy_line = 6", second, failing)).isEqualTo(1);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM rule_failure WHERE run_id = ?", second)).isEqualTo(1);

        JsonNode report = JsonMapper.builder().build().readTree(reports.resolve(second + "/report.json").toFile());
        JsonNode failed = report.path("run").path("rule_failures");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).path("policy_id").asString()).isEqualTo("numbered");
        assertThat(failed.get(0).path("shares").asLong()).isEqualTo(1);
        assertThat(failed.get(0).path("first_share_uid").asString()).isEqualTo(failing);
        assertThat(failed.get(0).path("message").asString()).contains("no-such-setting");
        assertThat(Files.readString(reports.resolve(second + "/report.html"))).contains("id=\"rule-failures\"")
                .contains("Numbered names");
    }
}
