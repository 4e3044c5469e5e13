package dev.dspm.scanner.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import dev.dspm.scanner.policy.Share;
import dev.dspm.scanner.simulator.ListedShare;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/** The evaluate step inside the nightly job: restartable by counts, like the scan. */
class EvaluationConfigurationTests {

    static final int SHARES = 20_000;

    @TempDir
    Path dir;

    ManusSimulator simulator;

    @BeforeEach
    void startSimulator() {
        simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(29L, SHARES)));
    }

    @AfterEach
    void stopSimulator() {
        PoisonedFindings.from = null;
        simulator.close();
    }

    /**
     * The database refuses the findings of the third transaction (pages of 1,000, five per commit), which fails the run
     * after two commits; once it accepts them again, the next start resumes the evaluation after the last committed
     * page: it judges the ten pages left, and the findings equal a clean run's, none lost, none twice.
     */
    @Test
    void aResumedEvaluationNeitherLosesNorDoublesAFinding() throws Exception {
        Path policies = dir.resolve("policies");
        FileSystemUtils.copyRecursively(Path.of("policies"), policies);
        Path callbacks = Files.createDirectories(dir.resolve("callbacks"));
        Files.writeString(callbacks.resolve("afterMigrate.sql"), "CREATE TRIGGER IF NOT EXISTS poisoned_findings BEFORE INSERT "
                + "ON finding FOR EACH ROW CALL '" + PoisonedFindings.class.getName() + "';\n");
        String flyway = "--spring.flyway.locations=classpath:db/migration/common,classpath:db/migration/{vendor},filesystem:"
                + callbacks;
        PoisonedFindings.from = allUids().get(12_500);
        String db = TestDatabases.h2(dir.resolve("resumed"));
        String clean = TestDatabases.h2(dir.resolve("clean"));

        assertThat(JobRun.against(simulator, db, "--dspm.policies.dir=" + policies, flyway)).isEqualTo(1);
        long run = Snapshot.latestRun(db);
        assertThat(Snapshot.single(db, "SELECT COUNT(DISTINCT share_uid) FROM finding WHERE run_id = ?", run))
                .as("two commits of five pages").isPositive();
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM finding WHERE run_id = ? AND share_uid >= ?", run,
                allUids().get(10_000))).isZero();
        PoisonedFindings.from = null;
        Console.Captured rejudged = Console.capture(() -> DspmScannerApplication.run(new String[] { "--rejudge=" + run,
                "--dspm.api.base-url=" + simulator.baseUrl(), "--spring.datasource.url=" + db, "--dspm.policies.dir=" + policies,
                "--dspm.report.dir=" + JobRun.reports(db) },
                Map.of()));
        assertThat(rejudged.exit()).as("a run to be resumed is not re-judged").isEqualTo(2);
        assertThat(rejudged.err()).contains("has not finished; the next scan resumes it");
        int requests = simulator.requestCount();

        assertThat(JobRun.against(simulator, db, "--dspm.policies.dir=" + policies, flyway)).isZero();
        assertThat(Snapshot.latestRun(db)).as("the same run, resumed").isEqualTo(run);
        assertThat(simulator.requestCount() - requests).as("the key check only: the scan was complete").isEqualTo(1);
        assertThat(Snapshot.single(db, "SELECT s.read_count FROM batch_step_execution s JOIN batch_job_execution j "
                + "ON s.job_execution_id = j.job_execution_id WHERE j.job_instance_id = ? AND s.step_name = 'evaluate' "
                + "ORDER BY s.step_execution_id DESC FETCH FIRST 1 ROWS ONLY", run)).as("pages judged on resume").isEqualTo(10);

        assertThat(JobRun.against(simulator, clean, "--dspm.policies.dir=" + policies)).isZero();
        assertThat(findings(db, run)).isEqualTo(findings(clean, Snapshot.latestRun(clean))).hasSizeGreaterThan(SHARES / 10);
    }

    /** A field the fact lacks, then a missing attribute: each named by file and line, before any request. */
    @Test
    void brokenPoliciesAreExitTwoWithOneLinePerProblemBeforeAnyRequest() throws Exception {
        Path policies = dir.resolve("policies");
        FileSystemUtils.copyRecursively(Path.of("policies"), policies);
        Path shares = policies.resolve("public-shares.drl");
        String pack = Files.readString(shares);
        Files.writeString(shares, pack.replace("Share(assetType == AssetType.FILE_SHARE, permission ==",
                "Share(assetType == AssetType.FILE_SHARE, permision =="));

        Console.Captured unknownField = Console.capture(() -> JobRun.against(simulator, TestDatabases.h2(dir),
                "--dspm.policies.dir=" + policies));

        assertThat(unknownField.exit()).isEqualTo(2);
        assertThat(unknownField.err().lines().filter(line -> line.startsWith("dspm-scanner: policy error: ")))
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).startsWith("dspm-scanner: policy error: " + shares + ":21:"))
                .anySatisfy(line -> assertThat(line).contains("permision"));

        Files.writeString(shares, pack);
        Files.writeString(policies.resolve("mine.drl"), """
                package dspm.policies
                import dev.dspm.scanner.policy.Share

                rule "Untitled"
                    @id("untitled") @severity(LOW) @recommendedScope(none) @autoRemediate(false) @rationale("r")
                when
                    Share()
                then
                end
                """);
        Console.Captured untitled = Console.capture(() -> JobRun.against(simulator, TestDatabases.h2(dir),
                "--dspm.policies.dir=" + policies));

        assertThat(untitled.exit()).isEqualTo(2);
        assertThat(untitled.err()).contains("dspm-scanner: policy error: " + policies.resolve("mine.drl")
                + ":4: rule \"Untitled\": missing @title");
        assertThat(simulator.requestCount()).isZero();
    }

    private List<String> allUids() {
        return List.of("ASSET_TYPE_SESSION_COLLABORATION", "ASSET_TYPE_SESSION_SHARE", "ASSET_TYPE_FILE_SHARE",
                "ASSET_TYPE_WEBSITE_PUBLISH", "ASSET_TYPE_PROJECT_SHARE").stream()
                .flatMap(type -> simulator.tenant().listed(type).stream()).map(ListedShare::uid).sorted().toList();
    }

    /** Every finding row of a run, as "uid policy status", checking that none is there twice. */
    static Set<String> findings(String db, long run) throws SQLException {
        Set<String> rows = new HashSet<>();
        try (Connection connection = TestDatabases.connect(db); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT share_uid, policy_id, status FROM finding WHERE run_id = " + run)) {
            while (result.next()) {
                assertThat(rows.add(result.getString(1) + " " + result.getString(2) + " " + result.getString(3))).isTrue();
            }
        }
        return rows;
    }
}
