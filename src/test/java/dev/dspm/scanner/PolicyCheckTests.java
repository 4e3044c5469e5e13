package dev.dspm.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * The policies compile on a thread of their own while the settings are checked and the context starts; a broken one
 * is still exit 2 before anything is opened, recorded or sent: no request, no H2 file created, no run recorded.
 */
class PolicyCheckTests {

    @TempDir
    Path dir;

    ManusSimulator simulator;

    Path policies;

    @BeforeEach
    void setUp() throws Exception {
        simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(27L, 200)));
        policies = dir.resolve("policies");
        FileSystemUtils.copyRecursively(Path.of("policies"), policies);
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    @Test
    void aBrokenPolicyOnAFreshDatabaseIsExitTwoWithNoRequestAndNoDatabaseCreated() throws Exception {
        Path shares = breakAPolicy();
        Path database = Files.createDirectories(dir.resolve("db"));

        Console.Captured run = Console.capture(() -> JobRun.against(simulator, TestDatabases.h2(database),
                "--dspm.policies.dir=" + policies));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("dspm-scanner: policy error: " + shares + ":21:").contains("permision");
        assertThat(simulator.requestCount()).isZero();
        try (var files = Files.list(database)) {
            assertThat(files).as("no H2 file, not even its prepared trace file").isEmpty();
        }
    }

    @Test
    void aBrokenPolicyAfterANightIsExitTwoWithNoRunRecordedAndNoRequest() throws Exception {
        String url = TestDatabases.h2(dir.resolve("db"));
        assertThat(JobRun.against(simulator, url, "--dspm.policies.dir=" + policies)).isZero();
        int requests = simulator.requestCount();
        long runs = count(url, "batch_job_execution");
        breakAPolicy();

        Console.Captured run = Console.capture(() -> JobRun.against(simulator, url, "--dspm.policies.dir=" + policies));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("dspm-scanner: policy error: ");
        assertThat(simulator.requestCount()).isEqualTo(requests);
        assertThat(count(url, "batch_job_execution")).isEqualTo(runs).isPositive();
    }

    @Test
    void aBadSettingIsNamedBeforeABrokenPolicy() throws Exception {
        breakAPolicy();

        Console.Captured run = Console.capture(() -> JobRun.against(simulator, TestDatabases.h2(dir.resolve("db")),
                "--dspm.policies.dir=" + policies, "--dspm.scan.page-size=lots"));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("dspm.scan.page-size").doesNotContain("policy error");
        assertThat(simulator.requestCount()).isZero();
    }

    /** A field the fact lacks, on line 21 of public-shares.drl; returns that file. */
    private Path breakAPolicy() throws Exception {
        Path shares = policies.resolve("public-shares.drl");
        Files.writeString(shares, Files.readString(shares).replace("Share(assetType == AssetType.FILE_SHARE, permission ==",
                "Share(assetType == AssetType.FILE_SHARE, permision =="));
        return shares;
    }

    private static long count(String url, String table) throws SQLException {
        try (Connection connection = TestDatabases.connect(url); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            result.next();
            return result.getLong(1);
        }
    }
}
