package dev.dspm.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * A database that is locked or cannot be reached ends the run with exit 1 and one last line on stderr that
 * says what to do: no stack trace, no Boot report, no password, no request sent.
 */
class StartupFailuresTests {

    private static final String PASSWORD = "hunter2-db-password";

    @TempDir
    Path dir;

    ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(
            TenantSpec.of(1L, Map.of("ASSET_TYPE_FILE_SHARE", 10))));

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    @SystemTest
    void aSecondProcessOnTheSameH2FileIsToldThatAnotherRunIsUsingIt() throws Exception {
        Path database = dir.resolve("dspm");
        String url = "jdbc:h2:file:" + database + ";AUTO_SERVER=FALSE";
        // H2 shares one open database between connections of one JVM, so the holder is another process.
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldH2.class.getName(), url)
                .redirectErrorStream(true).start();
        try (BufferedReader holderOut = new BufferedReader(
                new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(holderOut.readLine()).as("the other process opened the database").isEqualTo(HoldH2.OPEN);

            Console.Captured run = runAgainst(url, "sa", "");

            assertOneLine(run, "dspm-scanner: another run is using the H2 database " + database
                    + " (its file is locked); wait for it, or use PostgreSQL to scan several tenants at once");
        } finally {
            holder.getOutputStream().close();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aPostgresqlServerNobodyRunsIsNamedWithoutThePassword() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }

        Console.Captured run = runAgainst("jdbc:postgresql://127.0.0.1:" + port + "/dspm?password=" + PASSWORD,
                "dspm", PASSWORD);

        assertOneLine(run, "dspm-scanner: cannot connect to the database at spring.datasource.url=jdbc:postgresql://"
                + "127.0.0.1:" + port + "/dspm: connection refused; is the server running and listening there?");
    }

    @Test
    void aRefusedPasswordAndAnUnknownDatabaseAreNamedWithoutThePassword() throws Exception {
        // Embedded PostgreSQL trusts every local user; this server asks the user "dspm" for a password.
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg"))
                .setDataDirectoryCustomizer(data -> requirePassword(data.toPath().resolve("pg_hba.conf"))).start()) {
            try (Connection admin = postgres.getPostgresDatabase().getConnection();
                    Statement statement = admin.createStatement()) {
                statement.execute("CREATE ROLE dspm LOGIN PASSWORD 'the-right-one'");
            }
            String server = "jdbc:postgresql://localhost:" + postgres.getPort();

            Console.Captured wrongPassword = runAgainst(server + "/postgres", "dspm", PASSWORD);
            Console.Captured noSuchDatabase = runAgainst(server + "/nope", "postgres", PASSWORD);

            assertOneLine(wrongPassword, "dspm-scanner: cannot connect to the database at spring.datasource.url="
                    + server + "/postgres: the server refused the user name or password"
                    + " (spring.datasource.username, spring.datasource.password)");
            assertOneLine(noSuchDatabase, "dspm-scanner: cannot connect to the database at spring.datasource.url="
                    + server + "/nope: no such database on that server");
        }
    }

    private Console.Captured runAgainst(String url, String user, String password) throws Exception {
        return Console.capture(() -> DspmScannerApplication.run(new String[] {
                "--dspm.api.base-url=" + simulator.baseUrl(), "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + user, "--spring.datasource.password=" + password },
                Map.of("MANUS_ASSET_AUDIT_KEY", ManusSimulator.AUDIT_KEY), Map.of()));
    }

    private void assertOneLine(Console.Captured run, String line) {
        assertThat(run.exit()).isEqualTo(1);
        List<String> errors = run.err().strip().lines().toList();
        assertThat(errors).containsExactly(line);
        assertThat(run.all()).doesNotContain("\tat ", "Caused by", "ERROR", "Application run failed", PASSWORD);
        assertThat(simulator.requestCount()).as("requests sent").isZero();
    }

    private static void requirePassword(Path hba) {
        try {
            Files.writeString(hba, "host all dspm 127.0.0.1/32 scram-sha-256\nhost all dspm ::1/128 scram-sha-256\n"
                    + Files.readString(hba));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Another process holding the H2 file open, as a second scan would, until its stdin closes. */
    static final class HoldH2 {

        static final String OPEN = "open";

        public static void main(String[] args) throws Exception {
            try (Connection connection = DriverManager.getConnection(args[0], "sa", "")) {
                System.out.println(OPEN);
                System.out.flush();
                while (System.in.read() >= 0) {
                    // wait for the test to close our stdin
                }
            }
        }
    }
}
