package dev.dspm.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * A bad notification setting exits 2 before any request, with one line naming the setting, and never the value of a
 * credential (a webhook URL, the signing secret): nothing reaches the API, the receiver or a database.
 */
class NotifySettingsCheckTests {

    private static final String ERROR = "dspm-scanner: configuration error: ";
    /** In every credential below: the line must not show it. */
    private static final String TOKEN = "XyZsecretTOKEN42";

    @TempDir
    static Path dir;

    ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(
            TenantSpec.of(1L, Map.of("ASSET_TYPE_FILE_SHARE", 10))));
    HttpServer receiver;
    List<String> received = new ArrayList<>();

    @BeforeEach
    void listen() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            received.add(exchange.getRequestURI().toString());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        simulator.close();
        receiver.stop(0);
    }

    static Stream<Arguments> badSettings() throws Exception {
        Path file = Files.writeString(dir.resolve("slack-url"), "http://127.0.0.1:9/" + TOKEN);
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        return Stream.of(
                Arguments.of(List.of("--dspm.notify.slack.webhook-url=http://127.0.0.1:9/" + TOKEN,
                        "--dspm.notify.slack.webhook-url-file=" + file), "both dspm.notify.slack.webhook-url and "
                        + "dspm.notify.slack.webhook-url-file are set; set only one"),
                Arguments.of(List.of("--dspm.notify.teams.webhook-url-file=" + dir.resolve("missing")),
                        "dspm.notify.teams.webhook-url-file: cannot read " + dir.resolve("missing")),
                Arguments.of(List.of("--dspm.notify.teams.webhook-url-file=" + empty),
                        "dspm.notify.teams.webhook-url-file: " + empty + " is empty"),
                Arguments.of(List.of("--dspm.notify.slack.webhook-url=hooks.slack.com/services/" + TOKEN),
                        "dspm.notify.slack.webhook-url is not an http or https URL with a host"),
                Arguments.of(List.of("--dspm.notify.slack.webhook-url=https://user:" + TOKEN + "@hooks.example/x"),
                        "dspm.notify.slack.webhook-url is not an http or https URL with a host (and no user:password@)"),
                Arguments.of(List.of("--dspm.notify.webhook.url=http://127.0.0.1:9/" + TOKEN),
                        "dspm.notify.webhook.url needs dspm.notify.webhook.secret"),
                Arguments.of(List.of("--dspm.notify.webhook.url=http://127.0.0.1:9/x", "--dspm.notify.webhook.secret=" + TOKEN),
                        "dspm.notify.webhook.secret must start with whsec_"),
                Arguments.of(List.of("--dspm.notify.webhook.url=http://127.0.0.1:9/x", "--dspm.notify.webhook.secret=whsec_"
                        + TOKEN), "dspm.notify.webhook.secret must hold 24 to 64 random bytes after whsec_, it holds 12"),
                Arguments.of(List.of("--dspm.notify.email.to=sec@acme.example"), "dspm.notify.email.from is needed"),
                Arguments.of(List.of("--dspm.notify.email.to=sec@acme.example", "--dspm.notify.email.from=d@acme.example"),
                        "dspm.notify.email needs an SMTP server: set spring.mail.host"),
                Arguments.of(List.of("--dspm.notify.email.to=sec@acme.example, bo@acme.example <x>",
                        "--dspm.notify.email.from=d@acme.example"), "dspm.notify.email.to is not one plain email address"),
                Arguments.of(List.of("--dspm.notify.email.fallback-to=it@acme.example"),
                        "dspm.notify.email.fallback-to is where departed owners' findings go"),
                Arguments.of(List.of("--dspm.notify.min-severity=SEVERE"), "dspm.notify.min-severity: 'SEVERE' is not "
                        + "one of LOW, MEDIUM, HIGH, CRITICAL"),
                Arguments.of(List.of("--dspm.notify.max-attempts=0"), "dspm.notify.max-attempts must be 1..10, got 0"),
                Arguments.of(List.of("--dspm.notify.timeout=PT0S"), "dspm.notify.timeout must be a positive duration"),
                Arguments.of(List.of("--dspm.notify.report-url=file:///var/reports/latest/report.html"),
                        "dspm.notify.report-url is not an http or https URL"),
                Arguments.of(List.of("--dspm.notify.slack.webhook=http://127.0.0.1:9/" + TOKEN),
                        "unknown setting dspm.notify.slack.webhook (command-line argument); did you mean "
                                + "dspm.notify.slack.webhook-url?"),
                Arguments.of(List.of("--spring.mail.port=smtp"), "spring.mail.port: 'smtp' is not a whole number"),
                Arguments.of(List.of("--spring.mail.protocol=imap"), "spring.mail.protocol must be smtp or smtps"),
                Arguments.of(List.of("--spring.mail.password=" + TOKEN, "--spring.mail.password-file=" + file),
                        "both spring.mail.password and spring.mail.password-file are set"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badSettings")
    void exitsTwoNamingTheSettingBeforeAnyRequestAndNeverShowsACredential(List<String> bad, String expected)
            throws Exception {
        Path database = dir.resolve("db-" + System.nanoTime());
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=jdbc:h2:file:" + database.resolve("dspm"),
                "--dspm.api.base-url=" + simulator.baseUrl(), "--dspm.report.dir=" + dir.resolve("reports")));
        args.addAll(bad.stream().map(arg -> arg.replace("127.0.0.1:9", "127.0.0.1:" + receiver.getAddress().getPort()))
                .toList());

        Console.Captured run = Console.capture(() -> DspmScannerApplication.run(args.toArray(String[]::new),
                Map.of("MANUS_ASSET_AUDIT_KEY", ManusSimulator.AUDIT_KEY), Map.of()));

        assertThat(run.exit()).isEqualTo(2);
        String[] lines = run.err().strip().split("\n");
        assertThat(lines).hasSize(1);
        assertThat(lines[0]).startsWith(ERROR).contains(expected).doesNotContain(TOKEN);
        assertThat(run.all()).doesNotContain(TOKEN);
        assertThat(simulator.requestCount()).isZero();
        assertThat(received).isEmpty();
        assertThat(Files.exists(database)).as("no database was created").isFalse();
    }
}
