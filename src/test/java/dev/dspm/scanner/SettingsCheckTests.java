package dev.dspm.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/** A bad configuration exits 2 with one line naming the setting; no request is sent, nothing is written. */
class SettingsCheckTests {

    private static final String ERROR = "dspm-scanner: configuration error: ";

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
            "rate of zero          | --dspm.api.max-requests-per-second=0        | dspm.api.max-requests-per-second",
            "negative resume       | --dspm.scan.resume-within=-PT1H             | dspm.scan.resume-within",
            "tenant with a control | --dspm.tenant=acme\u0007corp                 | dspm.tenant",
            "pin-end-time not bool | --dspm.scan.pin-end-time=maybe              | dspm.scan.pin-end-time",
            "max-rereads 11        | --dspm.scan.max-rereads=11                  | dspm.scan.max-rereads",
            "max-rereads negative  | --dspm.scan.max-rereads=-1                  | dspm.scan.max-rereads",
            "failed runs kept 0 s  | --dspm.retention.failed-runs-max-age=PT0S   | dspm.retention.failed-runs-max-age",
            "keep no runs          | --dspm.retention.keep-runs=0                | dspm.retention.keep-runs",
            "collector not http    | --dspm.export.http.url=ftp://127.0.0.1/in   | dspm.export.http.url",
            "collector no token    | --dspm.export.http.token-file=/no/such/file | dspm.export.http.token-file",
            "collector batch of 0  | --dspm.export.http.batch-size=0             | dspm.export.http.batch-size",
            "collector format      | --dspm.export.http.format=xml               | dspm.export.http.format",
            "OCSF class unknown    | --dspm.report.ocsf.event-class=incident     | dspm.report.ocsf.event-class"})
    void exitsTwoNamingTheSettingBeforeAnyRequest(String name, String badArgument, String setting) throws Exception {
        boolean withKey = !name.equals("no key");
        String baseUrl = badArgument.startsWith("--dspm.api.base-url=") ? "--dspm.scan.threads=1"
                : "--dspm.api.base-url=" + simulator.baseUrl();

        String line = refused(Map.of(), withKey, baseUrl, badArgument);

        assertThat(line).contains(setting).doesNotContain(ManusSimulator.AUDIT_KEY);
    }

    static Stream<Arguments> theLineSaysWhatToChange() {
        return Stream.of(
                Arguments.of("a misspelt argument", Map.of(), List.of("--dspm.scan.asset-type=NOPE"),
                        "unknown setting dspm.scan.asset-type (command-line argument); did you mean dspm.scan.asset-types?"),
                Arguments.of("a misspelt environment variable", Map.of("DSPM_SCAN_ASSET_TYPE", "NOPE"), List.of(),
                        "unknown setting DSPM_SCAN_ASSET_TYPE (environment variable); did you mean DSPM_SCAN_ASSET_TYPES"
                                + " (dspm.scan.asset-types)?"),
                Arguments.of("a setting from another tool", Map.of("DSPM_DB_PASSWORD", "secret"), List.of(),
                        "unknown setting DSPM_DB_PASSWORD (environment variable); did you mean DSPM_API_BASE_URL"
                                + " (dspm.api.base-url)?"),
                Arguments.of("a group, not a setting", Map.of(), List.of("--dspm.scan=FILE_SHARE"),
                        "unknown setting dspm.scan (command-line argument); did you mean dspm.tenant?"),
                Arguments.of("a value that is not a number", Map.of(), List.of("--dspm.scan.page-size=lots"),
                        "dspm.scan.page-size: 'lots' is not a whole number (command-line argument)"),
                Arguments.of("a variable that is not a number", Map.of("DSPM_SCAN_PAGE_SIZE", "lots"), List.of(),
                        "dspm.scan.page-size: 'lots' is not a whole number (DSPM_SCAN_PAGE_SIZE, environment variable)"),
                Arguments.of("an unknown asset type", Map.of(), List.of("--dspm.scan.asset-types=FILE_SHARE,SECRETS"),
                        "dspm.scan.asset-types: 'FILE_SHARE,SECRETS' is not a comma-separated list, each one of "
                                + "SESSION_COLLABORATION, SESSION_SHARE, FILE_SHARE, WEBSITE_PUBLISH, PROJECT_SHARE"
                                + " (command-line argument)"),
                // Spring's relaxed spellings of a known setting are known: the range check, not "unknown", answers.
                Arguments.of("camel case", Map.of(), List.of("--dspm.scan.pageSize=0"),
                        "dspm.scan.page-size must be between 1 and 1000 (the API's limit), got 0"),
                Arguments.of("the README's variable", Map.of("DSPM_SCAN_PAGE_SIZE", "0"), List.of(),
                        "dspm.scan.page-size must be between 1 and 1000 (the API's limit), got 0"),
                Arguments.of("a variable without the dash", Map.of("DSPM_SCAN_PAGESIZE", "0"), List.of(),
                        "dspm.scan.page-size must be between 1 and 1000 (the API's limit), got 0"),
                Arguments.of("a long tenant", Map.of(), List.of("--dspm.tenant=" + "t".repeat(201)),
                        "dspm.tenant must be 1 to 200 characters without control characters"),
                Arguments.of("a collector URL with a password", Map.of(),
                        List.of("--dspm.export.http.url=https://hec:s3cretpw@splunk.example/services/collector/event"),
                        "dspm.export.http.url must not carry credentials (they would be logged): give them as "
                                + "dspm.export.http.token or dspm.export.http.token-file"),
                Arguments.of("a token and a token file", Map.of(), List.of("--dspm.export.http.token=t0k3n",
                        "--dspm.export.http.token-file=/run/secrets/siem-token"),
                        "dspm.export.http.token and dspm.export.http.token-file are both set: set one"),
                // Each of these went to the wrong target without a word.
                Arguments.of("an offboarding scan naming nobody", Map.of(), List.of("--dspm.scan.owner-emails=,"),
                        "dspm.scan.owner-emails=, names nothing; name at least one, or leave the setting out to scan them all"),
                Arguments.of("no asset type, from the environment", Map.of("DSPM_SCAN_ASSET_TYPES", " "), List.of(),
                        "dspm.scan.asset-types=  names nothing; name at least one, or leave the setting out to scan them all"),
                Arguments.of("a run id after a space", Map.of(), List.of("--rejudge", "2"),
                        "unexpected argument '2': every argument is --name=value or a flag; did you mean --rejudge=2?"),
                Arguments.of("a misspelt database URL", Map.of(), List.of("--spring.datasource.ulr=jdbc:h2:mem:x"),
                        "unknown setting spring.datasource.ulr (command-line argument); did you mean spring.datasource.url?"),
                Arguments.of("a misspelt database variable", Map.of("SPRING_DATASOURCE_PASWORD", "secret-value"), List.of(),
                        "unknown setting SPRING_DATASOURCE_PASWORD (environment variable); did you mean SPRING_DATASOURCE_PASSWORD"
                                + " (spring.datasource.password)?"),
                Arguments.of("a setting given twice, one spelling each", Map.of(),
                        List.of("--spring.datasource.password=one", "--spring.datasource.password=two"),
                        "--spring.datasource.password is given twice; give it once (Spring would join the two values with a comma)"),
                Arguments.of("a setting given twice in two spellings", Map.of(),
                        List.of("--dspm.scan.page-size=10", "--dspm.scan.pageSize=20"),
                        "--dspm.scan.pageSize is given twice; give it once (Spring would join the two values with a comma)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void theLineSaysWhatToChange(String name, Map<String, String> shell, List<String> args, String expected)
            throws Exception {
        List<String> all = Stream.concat(Stream.of("--dspm.api.base-url=" + simulator.baseUrl()), args.stream()).toList();

        assertThat(refused(shell, true, all.toArray(String[]::new))).isEqualTo(ERROR + expected);
    }

    @Test
    void anUnknownSettingInAFileIsNamedWithTheFileAndLine() throws Exception {
        Path file = Files.writeString(dir.resolve("extra.properties"), "dspm.scan.page-size=10\ndspm.scan.keywords=q4\n");

        String line = refused(Map.of(), true, "--dspm.api.base-url=" + simulator.baseUrl(),
                "--spring.config.additional-location=file:" + file);

        assertThat(line).isEqualTo(ERROR + "unknown setting dspm.scan.keywords (URL [file:" + file
                + "] - 2:20); did you mean dspm.scan.keyword?");
    }

    /** Runs with a bad configuration, checks nothing happened, and returns the one line printed. */
    private String refused(Map<String, String> shell, boolean withKey, String... args) throws Exception {
        Path database = dir.resolve("db");
        String[] withDatabase = Stream.concat(Stream.of("--spring.datasource.url=jdbc:h2:file:" + database.resolve("dspm")),
                Stream.of(args)).toArray(String[]::new);

        Console.Captured run = Console.capture(() -> DspmScannerApplication.run(withDatabase,
                withKey ? Map.of("MANUS_ASSET_AUDIT_KEY", ManusSimulator.AUDIT_KEY) : Map.of(), shell));

        assertThat(run.exit()).isEqualTo(2);
        String[] lines = run.err().strip().split("\n");
        assertThat(lines).hasSize(1);
        assertThat(lines[0]).startsWith(ERROR);
        assertThat(simulator.requestCount()).isZero();
        assertThat(Files.exists(database)).as("no database was created").isFalse();
        return lines[0];
    }
}
