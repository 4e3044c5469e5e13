package dev.dspm.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/** A bad configuration exits 2 with one line naming the setting; no request is sent, nothing is written. */
class SettingsCheckTests {

    @TempDir
    Path dir;

    ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(
            TenantSpec.of(1L, Map.of("ASSET_TYPE_FILE_SHARE", 10))));

    @AfterEach
    void stop() {
        simulator.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no key                | --dspm.scan.page-size=10                    | MANUS_ASSET_AUDIT_KEY",
            "malformed base URL    | --dspm.api.base-url=http://bad host:x/     | dspm.api.base-url",
            "base URL not http     | --dspm.api.base-url=ftp://127.0.0.1/        | dspm.api.base-url",
            "page size 0           | --dspm.scan.page-size=0                     | dspm.scan.page-size",
            "page size 1001        | --dspm.scan.page-size=1001                  | dspm.scan.page-size",
            "page size not a number| --dspm.scan.page-size=lots                  | dspm.scan.page-size",
            "unknown asset type    | --dspm.scan.asset-types=FILE_SHARE,SECRETS  | dspm.scan.asset-types",
            "bad RFC3339 time      | --dspm.scan.shared-after=yesterday          | dspm.scan.shared-after",
            "rate of zero          | --dspm.api.max-requests-per-second=0        | dspm.api.max-requests-per-second"})
    void exitsTwoNamingTheSettingBeforeAnyRequest(String name, String badArgument, String setting) throws Exception {
        boolean withKey = !name.equals("no key");
        Path database = dir.resolve("db");
        String baseUrl = badArgument.startsWith("--dspm.api.base-url=") ? "--dspm.scan.threads=1"
                : "--dspm.api.base-url=" + simulator.baseUrl();

        Console.Captured run = Console.capture(() -> DspmScannerApplication.run(new String[] {
                baseUrl, "--spring.datasource.url=jdbc:h2:file:" + database.resolve("dspm"), badArgument },
                withKey ? Map.of("MANUS_ASSET_AUDIT_KEY", ManusSimulator.AUDIT_KEY) : Map.of()));

        assertThat(run.exit()).isEqualTo(2);
        String[] lines = run.err().strip().split("\n");
        assertThat(lines).hasSize(1);
        assertThat(lines[0]).startsWith("dspm-scanner: configuration error: ").contains(setting);
        assertThat(lines[0]).doesNotContain(ManusSimulator.AUDIT_KEY);
        assertThat(simulator.requestCount()).isZero();
        assertThat(Files.exists(database)).as("no database was created").isFalse();
    }
}
