package dev.dspm.scanner.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.Console;
import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.notify.Receivers;
import dev.dspm.scanner.scan.ScanJobConfigurationTests;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * The key, the notification webhooks' URLs, the signing secret and the SMTP password never reach the console, the
 * database, a report, notifications.json or the metrics, in a good run or a failing one.
 */
class ScanSecretsTests {

    @TempDir
    Path dir;

    ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(
            TenantSpec.of(17L, Map.of(ScanJobConfigurationTests.FILE, 900, ScanJobConfigurationTests.SESSION, 400))));

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void theKeyAppearsInNoOutputNoDatabaseRowAndNoFileWritten() throws Exception {
        String db = TestDatabases.h2(dir);
        Path reports = dir.resolve("reports");

        Console.Captured good = Console.capture(() -> JobRun.against(simulator, db, "--dspm.scan.page-size=100",
                "--dspm.report.dir=" + reports));
        // The key check's request is retried through one 429; the scan then fails after two more pages.
        simulator.faults().failNext(429, 1).failAfter(3, 500, Integer.MAX_VALUE);
        Console.Captured failing = Console.capture(() -> JobRun.against(simulator, db, "--dspm.scan.page-size=100",
                "--dspm.api.max-attempts=2", "--dspm.scan.resume-within=PT0S", "--logging.level.dev.dspm=DEBUG",
                "--dspm.report.dir=" + reports));

        assertThat(good.exit()).isZero();
        assertThat(failing.exit()).isEqualTo(1);
        String printed = good.all() + failing.all();
        assertThat(printed).contains("request_id").contains("run 2 failed: team.asset.list");
        assertThat(printed).doesNotContain(ManusSimulator.AUDIT_KEY);
        assertThat(databaseDump(db)).contains("FILE_SHARE").doesNotContain(ManusSimulator.AUDIT_KEY);
        List<Path> written;
        try (Stream<Path> files = Files.walk(reports)) {
            written = files.filter(Files::isRegularFile).toList();
        }
        assertThat(written).as("both runs' metrics, the first one's report").contains(reports.resolve("1/metrics.prom"),
                reports.resolve("2/metrics.prom"), reports.resolve("1/report.json"));
        for (Path file : written) {
            assertThat(Files.readString(file)).as(file.toString()).doesNotContain(ManusSimulator.AUDIT_KEY);
        }
    }

    @Test
    void theNotificationCredentialsAppearInNoOutputNoDatabaseRowAndNoFileWritten() throws Exception {
        String db = TestDatabases.h2(dir);
        Path reports = dir.resolve("reports");
        Path slackUrl = Files.writeString(dir.resolve("slack-url"), "\n");
        Path password = Files.writeString(dir.resolve("smtp-password"), Receivers.SMTP_PASSWORD + "\n");
        try (Receivers receivers = new Receivers()) {
            Files.writeString(slackUrl, receivers.url(Receivers.SLACK));
            List<String> channels = receivers.allChannels("--dspm.report.dir=" + reports, "--logging.level.dev.dspm=DEBUG",
                    "--dspm.notify.max-attempts=2", "--MANUS_USER_MGMT_KEY=" + ManusSimulator.USER_KEY);
            // the Slack URL and the SMTP password from files, as a Kubernetes Secret gives them
            channels.removeIf(arg -> arg.startsWith("--dspm.notify.slack.webhook-url=") || arg.startsWith("--spring.mail.password="));
            channels.add("--dspm.notify.slack.webhook-url-file=" + slackUrl);
            channels.add("--spring.mail.password-file=" + password);

            Console.Captured good = Console.capture(() -> JobRun.against(simulator, db, channels.toArray(String[]::new)));
            // the next night every channel fails: Teams and Slack refuse, the webhook is down, the SMTP login is refused
            receivers.http.stubFor(post(urlMatching("/(slack|teams)/.*")).willReturn(aResponse().withStatus(403)
                    .withBody("invalid_token for " + Receivers.URL_TOKEN)));
            receivers.http.stubFor(post(urlMatching("/hook/.*")).willReturn(aResponse().withStatus(503)));
            receivers.smtp.setUser(Receivers.SMTP_USER, "another-password");
            List<String> failing = new ArrayList<>(channels);
            failing.add("--dspm.notify.always=true");
            Console.Captured bad = Console.capture(() -> JobRun.against(simulator, db, failing.toArray(String[]::new)));

            assertThat(good.exit()).isZero();
            assertThat(bad.exit()).isZero();
            assertThat(good.out()).contains("notifications of run 1: slack sent, teams sent, webhook sent, email");
            assertThat(bad.out()).contains("notifications of run 2: slack FAILED, teams FAILED, webhook FAILED, email 1 FAILED")
                    .contains("HTTP 403: invalid_token for [url]").contains("the SMTP server refused the login");
            List<String> secrets = List.of(Receivers.URL_TOKEN, "xoxb-url-token-4f9a", Receivers.SECRET,
                    Receivers.SECRET.substring("whsec_".length()), Receivers.SMTP_PASSWORD);
            String printed = good.all() + bad.all();
            String dump = databaseDump(db);
            assertThat(dump).contains("notification");
            List<Path> written;
            try (Stream<Path> files = Files.walk(reports)) {
                written = files.filter(Files::isRegularFile).toList();
            }
            assertThat(written).contains(reports.resolve("1/notifications.json"), reports.resolve("2/metrics.prom"));
            for (String secret : secrets) {
                assertThat(printed).as("console").doesNotContain(secret);
                assertThat(dump).as("database").doesNotContain(secret);
                for (Path file : written) {
                    assertThat(Files.readString(file)).as(file.toString()).doesNotContain(secret);
                }
            }
        }
    }

    /**
     * The collector's token, given as a file, reaches the collector in its header and nothing else: not the console at
     * DEBUG, a collector's answer that echoes it, the database, the report folder or the metrics.
     */
    @Test
    void theCollectorsTokenReachesItsHeaderAndNothingElse() throws Exception {
        String token = "siem-token-Zq81xT7vKp0w";
        String db = TestDatabases.h2(dir);
        Path reports = dir.resolve("reports");
        Path tokenFile = Files.writeString(dir.resolve("siem-token"), token + "\n");
        com.github.tomakehurst.wiremock.WireMockServer collector = new com.github.tomakehurst.wiremock.WireMockServer(
                com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig().dynamicPort()
                        .bindAddress("127.0.0.1"));
        collector.start();
        try {
            collector.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/hec").inScenario("echo")
                    .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(503)
                            .withBody("overloaded; your token was " + token))
                    .willSetStateTo("ok"));
            collector.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/hec").inScenario("echo")
                    .whenScenarioStateIs("ok")
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(403)
                            .withBody("{\"text\":\"token " + token + " is disabled\"}")));
            Console.Captured run = Console.capture(() -> JobRun.against(simulator, db, "--dspm.report.dir=" + reports,
                    "--logging.level.dev.dspm=DEBUG", "--dspm.export.http.format=splunk-hec",
                    "--dspm.export.http.url=http://127.0.0.1:" + collector.port() + "/hec",
                    "--dspm.export.http.token-file=" + tokenFile, "--dspm.export.http.initial-backoff=PT0.01S"));

            assertThat(run.exit()).isZero();
            assertThat(collector.getAllServeEvents()).hasSize(2).allSatisfy(served ->
                    assertThat(served.getRequest().getHeader("Authorization")).isEqualTo("Splunk " + token));
            assertThat(run.all()).contains("export: FAILED").contains("HTTP 403").doesNotContain(token);
            assertThat(databaseDump(db)).contains("HTTP 403").doesNotContain(token);
            List<Path> written;
            try (Stream<Path> files = Files.walk(reports)) {
                written = files.filter(Files::isRegularFile).toList();
            }
            assertThat(written).contains(reports.resolve("1/metrics.prom"), reports.resolve("1/findings.ocsf.jsonl"));
            for (Path file : written) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain(token);
            }
        } finally {
            collector.stop();
        }
    }

    /**
     * A server (or a proxy) that repeats the caller's key in every answer: as the request id of a page, of a member
     * listing and of an applied update_scope, and in the code and message of a failure. Nothing keeps it.
     */
    @Test
    void aServerThatEchoesEveryKeyGetsNoneOfThemIntoAnythingWritten() throws Exception {
        String db = TestDatabases.h2(dir);
        Path reports = dir.resolve("reports");
        simulator.lies().echoKey();
        simulator.faults().failNext(500, 2).failNextUpdates(503, 1);

        Console.Captured run = Console.capture(() -> JobRun.against(simulator, db, "--dspm.scan.page-size=100",
                "--dspm.report.dir=" + reports, "--logging.level.dev.dspm=DEBUG", "--dspm.remediation.mode=apply",
                "--dspm.remediation.grace-period=PT0S", "--dspm.remediation.max-actions=100000",
                "--MANUS_ASSET_MGMT_KEY=" + ManusSimulator.MGMT_KEY, "--MANUS_USER_MGMT_KEY=" + ManusSimulator.USER_KEY));

        assertThat(run.exit()).as(run.all()).isZero();
        String masked = "*".repeat(ManusSimulator.AUDIT_KEY.length());
        assertThat(run.all()).contains("request_id=" + masked).contains("[code=" + masked);
        String dump = databaseDump(db);
        assertThat(dump).as("applied actions keep the (masked) request id")
                .contains("'" + "*".repeat(ManusSimulator.MGMT_KEY.length()) + "'");
        List<String> written = new ArrayList<>(List.of(run.all(), dump));
        try (Stream<Path> files = Files.walk(reports)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                written.add(Files.readString(file));
            }
        }
        assertThat(written).hasSizeGreaterThan(5).allSatisfy(text -> assertThat(text)
                .doesNotContain(ManusSimulator.AUDIT_KEY, ManusSimulator.MGMT_KEY, ManusSimulator.USER_KEY));
    }

    private static String databaseDump(String db) throws Exception {
        StringBuilder dump = new StringBuilder();
        try (Connection connection = TestDatabases.connect(db); Statement statement = connection.createStatement();
                ResultSet script = statement.executeQuery("SCRIPT")) {
            while (script.next()) {
                dump.append(script.getString(1)).append('\n');
            }
        }
        return dump.toString();
    }
}
