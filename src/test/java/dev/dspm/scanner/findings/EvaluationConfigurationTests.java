package dev.dspm.scanner.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.FileSystemUtils;

import dev.dspm.scanner.Console;
import dev.dspm.scanner.DspmScannerApplication;
import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.Snapshot;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.policy.Share;
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
        PoisonedFindings.shareUid = null;
        simulator.close();
    }

    /**
     * The database refuses the findings of one share in the third transaction (pages of 1,000 shares in the order the
     * snapshot stores them, five per commit), as a database that breaks mid-evaluation does, which fails the run after
     * two commits (a rule that throws no longer does: its share is recorded); once the database accepts them again, the
     * next start resumes the evaluation after the last committed page: it judges the ten pages left, and the findings
     * equal a clean run's, none lost, none twice. On PostgreSQL the findings go by COPY into judged_finding (into
     * finding once every page is judged) and the pages are ranges of the table's blocks: the same counts.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void aResumedEvaluationNeitherLosesNorDoublesAFinding(String kind) throws Exception {
        Path policies = dir.resolve("policies");
        FileSystemUtils.copyRecursively(Path.of("policies"), policies);
        String clean = TestDatabases.of(kind, dir.resolve("clean"));
        assertThat(JobRun.against(simulator, clean, "--dspm.policies.dir=" + policies)).isZero();
        long cleanRun = Snapshot.latestRun(clean);
        Set<String> withFindings = findings(clean, cleanRun).stream().map(row -> row.split(" ")[0]).collect(Collectors.toSet());
        List<String> cleanOrder = storedOrder(clean, cleanRun);
        String poisoned = cleanOrder.subList(12_500, cleanOrder.size()).stream().filter(withFindings::contains).findFirst()
                .orElseThrow();
        String db = TestDatabases.of(kind, dir.resolve("resumed"));

        assertThat(JobRun.against(simulator, db, "--dspm.policies.dir=" + policies, refusing(kind, poisoned))).isEqualTo(1);
        long run = Snapshot.latestRun(db);
        List<String> stored = storedOrder(db, run);
        // PostgreSQL moves them into finding only when every page is judged; H2 writes them there as it judges
        String judgedTable = kind.equals("H2") ? "finding" : "judged_finding";
        if (!kind.equals("H2")) {
            assertThat(findings(db, run)).as("moved into finding only when every page is judged").isEmpty();
        }
        Set<String> judged = findings(db, run, judgedTable).stream().map(row -> row.split(" ")[0]).collect(Collectors.toSet());
        int judgedUpTo = stored.size() - 1;
        while (judgedUpTo >= 0 && !judged.contains(stored.get(judgedUpTo))) {
            judgedUpTo--;
        }
        Set<String> prefix = Set.copyOf(stored.subList(0, judgedUpTo + 1));
        int chunk = EvaluationConfiguration.PAGES_PER_COMMIT * SnapshotReader.PAGE;
        assertThat(judgedUpTo).as("the commits before the poisoned share's, and nothing after it")
                .isGreaterThan(stored.indexOf(poisoned) - 2 * chunk).isLessThan(stored.indexOf(poisoned));
        assertThat(findings(db, run, judgedTable)).as("the committed pages' findings, every share before the last one judged")
                .isEqualTo(findings(clean, cleanRun).stream().filter(row -> prefix.contains(row.split(" ")[0]))
                        .collect(Collectors.toSet()));
        try (Connection connection = TestDatabases.connect(db); Statement statement = connection.createStatement()) {
            statement.execute(kind.equals("H2") ? "DROP TRIGGER poisoned_findings" : "DROP TRIGGER poisoned_findings ON judged_finding");
        }
        Console.Captured rejudged = Console.capture(() -> DspmScannerApplication.run(new String[] { "--rejudge=" + run,
                "--dspm.api.base-url=" + simulator.baseUrl(), "--spring.datasource.url=" + db,
                "--spring.datasource.username=" + TestDatabases.user(db), "--spring.datasource.password=" + TestDatabases.password(db),
                "--dspm.policies.dir=" + policies, "--dspm.report.dir=" + JobRun.reports(db) },
                Map.of()));
        assertThat(rejudged.exit()).as("a run to be resumed is not re-judged").isEqualTo(2);
        assertThat(rejudged.err()).contains("has not finished; the next scan resumes it");
        int requests = simulator.requestCount();

        assertThat(JobRun.against(simulator, db, "--dspm.policies.dir=" + policies)).isZero();
        assertThat(Snapshot.latestRun(db)).as("the same run, resumed").isEqualTo(run);
        assertThat(simulator.requestCount() - requests).as("the key check only: the scan was complete").isEqualTo(1);
        long pagesOnResume = Snapshot.single(db, "SELECT s.read_count FROM batch_step_execution s JOIN batch_job_execution j "
                + "ON s.job_execution_id = j.job_execution_id WHERE j.job_instance_id = ? AND s.step_name = 'evaluate' "
                + "ORDER BY s.step_execution_id DESC FETCH FIRST 1 ROWS ONLY", run);
        // H2's pages are 1,000 rows each; PostgreSQL's are ranges of blocks holding about as many.
        assertThat(pagesOnResume).as("pages judged on resume: about ten, not the whole table's twenty").isBetween(5L, 15L);
        if (kind.equals("H2")) {
            assertThat(pagesOnResume).as("the ten after the last commit").isEqualTo(10);
        }
        assertThat(findings(db, run)).isEqualTo(findings(clean, cleanRun)).hasSizeGreaterThan(SHARES / 10);
        assertThat(findings(db, run, "judged_finding")).as("every judged finding moved").isEmpty();
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

    /**
     * The setting that adds a Flyway callback making the database refuse the findings of one share: an H2 trigger class,
     * or a PL/pgSQL trigger (row triggers fire on COPY too).
     */
    private String refusing(String kind, String shareUid) throws IOException {
        Path callbacks = Files.createDirectories(dir.resolve("callbacks"));
        PoisonedFindings.shareUid = shareUid;
        Files.writeString(callbacks.resolve("afterMigrate.sql"), kind.equals("H2")
                ? "CREATE TRIGGER IF NOT EXISTS poisoned_findings BEFORE INSERT ON finding FOR EACH ROW CALL '"
                        + PoisonedFindings.class.getName() + "';\n"
                : """
                        CREATE OR REPLACE FUNCTION poisoned_finding() RETURNS trigger AS $$
                        BEGIN
                            IF NEW.share_uid = '%s' THEN
                                RAISE EXCEPTION 'the test refuses the finding of share %%', NEW.share_uid;
                            END IF;
                            RETURN NEW;
                        END $$ LANGUAGE plpgsql;
                        DROP TRIGGER IF EXISTS poisoned_findings ON judged_finding;
                        CREATE TRIGGER poisoned_findings BEFORE INSERT ON judged_finding FOR EACH ROW EXECUTE FUNCTION poisoned_finding();
                        """.formatted(shareUid));
        return "--spring.flyway.locations=classpath:db/migration/common,classpath:db/migration/{vendor},filesystem:" + callbacks;
    }

    /** The run's uids in the order its table stores them, which is the order the evaluation reads them in. */
    private static List<String> storedOrder(String db, long run) throws SQLException {
        String order = db.startsWith("jdbc:h2:") ? "_ROWID_" : "ctid";
        List<String> uids = new ArrayList<>();
        try (Connection connection = TestDatabases.connect(db); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT uid FROM share_snapshot_" + run + " ORDER BY " + order)) {
            while (result.next()) {
                uids.add(result.getString(1));
            }
        }
        return uids;
    }

    /** Every finding row of a run, as "uid policy status", checking that none is there twice. */
    static Set<String> findings(String db, long run) throws SQLException {
        return findings(db, run, "finding");
    }

    private static Set<String> findings(String db, long run, String table) throws SQLException {
        Set<String> rows = new HashSet<>();
        try (Connection connection = TestDatabases.connect(db); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT share_uid, policy_id, status FROM " + table + " WHERE run_id = " + run)) {
            while (result.next()) {
                assertThat(rows.add(result.getString(1) + " " + result.getString(2) + " " + result.getString(3))).isTrue();
            }
        }
        return rows;
    }
}
