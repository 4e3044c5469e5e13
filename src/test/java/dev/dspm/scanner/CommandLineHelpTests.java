package dev.dspm.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * Asking how to run the tool does not run it: with a key, an API and a database all configured, --help and
 * --version print, exit 0, send no request, open no database and read no key.
 */
class CommandLineHelpTests {

    @TempDir
    Path dir;

    ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(
            TenantSpec.of(1L, Map.of("ASSET_TYPE_FILE_SHARE", 10))));

    @AfterEach
    void stop() {
        simulator.close();
    }

    @ParameterizedTest
    @ValueSource(strings = { "--help", "-h" })
    void helpPrintsTheUsageAndTouchesNothing(String flag) throws Exception {
        Console.Captured run = runWith(flag);

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("--demo", "--rejudge[=RUN-ID]", "--notify-test", "--spring.datasource.url=", "MANUS_ASSET_AUDIT_KEY ",
                "MANUS_ASSET_AUDIT_KEY_FILE", "MANUS_ASSET_MGMT_KEY ", "MANUS_ASSET_MGMT_KEY_FILE",
                "MANUS_USER_MGMT_KEY ", "MANUS_USER_MGMT_KEY_FILE",
                "docs/configuration.md")
                .containsPattern("0 +completed").containsPattern("1 +failed or stopped, or a remediation action failed")
                .contains("--dspm.remediation.mode=apply")
                .containsPattern("2 +bad configuration, or the key was refused")
                .containsPattern("3 +completed with new or open findings at or above --dspm.fail-on");
        assertThat(Path.of("docs", "configuration.md")).as("the configuration reference --help points to").isRegularFile();
        assertNothingTouched(run);
    }

    @Test
    void versionPrintsTheBuildsVersionAndTouchesNothing() throws Exception {
        Console.Captured run = runWith("--version");

        assertThat(run.exit()).isZero();
        assertThat(run.out().strip()).isEqualTo("dspm-scanner " + pomVersion());
        assertNothingTouched(run);
    }

    /** Everything a real run needs, so that only the flag stands between the user and a scan. */
    private Console.Captured runWith(String flag) throws Exception {
        Map<String, String> shell = Map.of(
                "MANUS_ASSET_AUDIT_KEY", ManusSimulator.AUDIT_KEY,
                // Read, this would be exit 2 ("both set", and a file that does not exist).
                "MANUS_ASSET_AUDIT_KEY_FILE", dir.resolve("no-such-key-file").toString());
        return Console.capture(() -> DspmScannerApplication.run(new String[] {
                "--dspm.api.base-url=" + simulator.baseUrl(),
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("data").resolve("dspm"), flag }, Map.of(), shell));
    }

    private void assertNothingTouched(Console.Captured run) {
        assertThat(run.err()).isEmpty();
        assertThat(simulator.requestCount()).as("requests sent").isZero();
        assertThat(Files.exists(dir.resolve("data"))).as("database directory created").isFalse();
    }

    private static String pomVersion() throws Exception {
        Matcher project = Pattern.compile("<artifactId>dspm-scanner</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(project.find()).as("the project's version in pom.xml").isTrue();
        return project.group(1);
    }
}
