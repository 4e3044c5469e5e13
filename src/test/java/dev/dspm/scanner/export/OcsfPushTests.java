package dev.dspm.scanner.export;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import dev.dspm.scanner.Console;
import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.Snapshot;
import dev.dspm.scanner.SystemTest;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * The push of a run's OCSF events to a collector over WireMock, as whole runs of the job make it: every event once,
 * in each format, with the token; a batch with no answer sent again under the same key; a collector down or refusing
 * that changes no exit code; once per run.
 */
class OcsfPushTests {

    static final String PATH = "/services/collector/event";
    static final String TOKEN = "hec-token-5f1c0e3a-27b9";

    @TempDir
    Path dir;

    ManusSimulator simulator;
    WireMockServer collector;
    Path reports;
    String db;

    @BeforeEach
    void start() throws IOException {
        simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(31L, 600)));
        collector = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        collector.start();
        reports = dir.resolve("reports");
        db = TestDatabases.h2(dir);
        Files.writeString(dir.resolve("token"), TOKEN + "\n");
    }

    @AfterEach
    void stop() {
        collector.stop();
        simulator.close();
    }

    @ParameterizedTest
    @EnumSource(ExportSettings.Format.class)
    void everyEventOfTheFileReachesTheCollectorOnceInBatchesWithTheToken(ExportSettings.Format format) throws Exception {
        collector.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("{\"text\":\"Success\"}")));

        Console.Captured run = Console.capture(() -> run(url(), "--dspm.export.http.format=" + format.name()));

        assertThat(run.exit()).isZero();
        long runId = Snapshot.latestRun(db);
        List<JsonNode> file = events(runId);
        assertThat(file).hasSizeGreaterThan(120);
        List<CollectorLog.Request> requests = CollectorLog.requests(collector, format);
        assertThat(CollectorLog.accepted(collector, format)).as("the file's events, each once, in its order").isEqualTo(file);
        assertThat(requests).hasSize((file.size() + 49) / 50).allSatisfy(request -> {
            assertThat(request.events()).hasSizeLessThanOrEqualTo(50);
            assertThat(request.authorization()).isEqualTo((format == ExportSettings.Format.SPLUNK_HEC ? "Splunk " : "Bearer ")
                    + TOKEN);
            assertThat(request.contentType()).startsWith(format == ExportSettings.Format.NDJSON ? "application/x-ndjson"
                    : "application/json");
        });
        assertThat(requests.stream().map(CollectorLog.Request::idempotencyKey).distinct()).hasSize(requests.size());
        if (format == ExportSettings.Format.SPLUNK_HEC) {
            String first = new String(requests.get(0).body(), StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
            JsonNode envelope = CollectorLog.JSON.readTree(first);
            assertThat(envelope.get("time").decimalValue().movePointRight(3).longValueExact())
                    .isEqualTo(file.get(0).get("time").asLong());
            assertThat(envelope.get("sourcetype").asString()).isEqualTo("_json");
        }
        assertThat(run.out()).contains(String.format("export: %,d events in %,d batches sent to %s", file.size(),
                requests.size(), url()));
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM run_export WHERE run_id = ? AND status = 'SENT' AND events = ?",
                runId, file.size())).isEqualTo(1);
        assertThat(Files.readString(reports.resolve(runId + "/metrics.prom")))
                .contains("dspm_export_events{outcome=\"sent\"} " + file.size() + ".0")
                .contains("dspm_export_events{outcome=\"unsent\"} 0.0").contains("dspm_export_failed 0.0");
    }

    @Test
    void aReJudgedRunSendsNothing() throws Exception {
        collector.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)));
        assertThat(run(url())).isZero();
        long runId = Snapshot.latestRun(db);
        int requests = collector.getAllServeEvents().size();
        assertThat(requests).isPositive();

        assertThat(run(url(), "--rejudge=" + runId)).isZero();

        assertThat(collector.getAllServeEvents()).as("its events were sent the night it ran").hasSize(requests);
    }

    @Test
    void aCollectorThatIsDownChangesNoExitCodeAndIsCountedAndReported() throws Exception {
        String down = "http://127.0.0.1:" + freePort() + PATH;
        assertThat(run(null, "--dspm.fail-on=HIGH")).as("without a collector").isEqualTo(3);

        Console.Captured gated = Console.capture(() -> run(down, "--dspm.fail-on=HIGH"));
        Console.Captured plain = Console.capture(() -> run(down));

        assertThat(gated.exit()).as("findings at HIGH, collector down").isEqualTo(3);
        assertThat(plain.exit()).as("collector down").isZero();
        long runId = Snapshot.latestRun(db);
        long findings = events(runId).size();
        assertThat(plain.out()).contains("export: FAILED after 0 events in 0 batches sent to " + down)
                .contains("no answer (ConnectException").contains("after 2 attempts").contains("exit code is unchanged");
        assertThat(reports.resolve(runId + "/report.html")).exists();
        assertThat(Files.readString(reports.resolve(runId + "/metrics.prom"))).contains("dspm_export_failed 1.0")
                .contains("dspm_export_events{outcome=\"unsent\"} " + findings + ".0")
                .contains("dspm_export_events{outcome=\"sent\"} 0.0")
                .contains("dspm_run_outcome{outcome=\"completed\"} 1.0");
        assertThat(Snapshot.single(db, "SELECT attempts FROM export_batch WHERE run_id = ? AND batch_no = 0", runId))
                .as("max-attempts, then the push stops").isEqualTo(2);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM export_batch WHERE run_id = ?", runId)).isEqualTo(1);
    }

    @Test
    void aRefusedBatchIsNotSentAgainAndTheTokenTheCollectorEchoesIsBlanked() throws Exception {
        collector.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(401)
                .withBody("{\"text\":\"Invalid token " + TOKEN + "\",\"code\":4}")));

        Console.Captured run = Console.capture(() -> run(url()));

        assertThat(run.exit()).isZero();
        assertThat(collector.getAllServeEvents()).as("a 401 answers the same again: one request").hasSize(1);
        assertThat(run.out()).contains("export: FAILED").contains("HTTP 401: {\"text\":\"Invalid token [token]\"");
        assertThat(run.all()).doesNotContain(TOKEN);
    }

    @Test
    void aBatchWithNoAnswerIsSentAgainUnderTheSameKeyAndCountedSo() throws Exception {
        collector.stubFor(post(urlEqualTo(PATH)).inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withFixedDelay(3_000)).willSetStateTo("quick"));
        collector.stubFor(post(urlEqualTo(PATH)).inScenario("slow").whenScenarioStateIs("quick")
                .willReturn(aResponse().withStatus(200)));

        Console.Captured run = Console.capture(() -> run(url(), "--dspm.export.http.timeout=PT1S"));

        assertThat(run.exit()).isZero();
        long runId = Snapshot.latestRun(db);
        List<CollectorLog.Request> requests = CollectorLog.requests(collector, ExportSettings.Format.JSON);
        assertThat(requests.get(1).idempotencyKey()).as("the same batch again").isEqualTo(requests.get(0).idempotencyKey());
        assertThat(requests.get(1).body()).isEqualTo(requests.get(0).body());
        Set<String> keys = new HashSet<>();
        requests.subList(1, requests.size()).forEach(r -> assertThat(keys.add(r.idempotencyKey())).isTrue());
        List<JsonNode> once = requests.subList(1, requests.size()).stream().flatMap(r -> r.events().stream()).toList();
        assertThat(once).as("dropping the batch seen twice by its key, every event once").isEqualTo(events(runId));
        assertThat(run.out()).contains("(1 of them sent more than once)");
        assertThat(Files.readString(reports.resolve(runId + "/metrics.prom"))).contains("dspm_export_batches_resent 1.0");
    }

    /**
     * The child's run is killed while it waits to send a batch the collector answered 503 (not taken), after it had
     * several taken: the next start resumes the run, sends that batch again and then the rest, never a batch taken.
     */
    @Test
    @SystemTest
    void aRunKilledMidPushIsResumedAndTheCollectorTakesEveryEventOnce() throws Exception {
        collector.stubFor(post(urlEqualTo(PATH)).atPriority(5).willReturn(aResponse().withStatus(200)));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.dspm.scanner.DspmScannerApplication"));
        command.addAll(JobRun.arguments(simulator, db, exportArguments(url(), "--dspm.export.http.batch-size=20",
                "--dspm.export.http.max-attempts=5", "--dspm.export.http.max-backoff=PT2M")));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile());
        builder.environment().put("MANUS_ASSET_AUDIT_KEY", ManusSimulator.AUDIT_KEY);
        Process child = builder.start();
        try {
            await(() -> answered(200) >= 3, child);
            collector.stubFor(post(urlEqualTo(PATH)).atPriority(1)
                    .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "120")));
            await(() -> answered(503) >= 1, child);
        } finally {
            child.destroyForcibly().waitFor();
        }
        long runId = Snapshot.latestRun(db);
        int takenBefore = answered(200);
        collector.resetMappings();
        collector.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)));

        Console.Captured resumed = Console.capture(() -> run(url(), "--dspm.export.http.batch-size=20"));

        assertThat(resumed.exit()).isZero();
        assertThat(Snapshot.latestRun(db)).as("the same run, resumed").isEqualTo(runId);
        List<CollectorLog.Request> requests = CollectorLog.requests(collector, ExportSettings.Format.JSON);
        List<CollectorLog.Request> taken = requests.stream().filter(r -> r.status() == 200).toList();
        assertThat(taken.size()).isGreaterThan(takenBefore);
        assertThat(taken.stream().map(CollectorLog.Request::idempotencyKey)).as("no batch taken twice").doesNotHaveDuplicates();
        assertThat(CollectorLog.accepted(collector, ExportSettings.Format.JSON)).as("every event of the run, each once, in order")
                .isEqualTo(events(runId));
        CollectorLog.Request refused = requests.stream().filter(r -> r.status() == 503).findFirst().orElseThrow();
        assertThat(taken.stream().filter(r -> r.idempotencyKey().equals(refused.idempotencyKey())))
                .as("the batch refused before the kill, sent again whole by the resumed run").singleElement()
                .satisfies(again -> assertThat(again.body()).isEqualTo(refused.body()));
        assertThat(resumed.out()).contains(String.format("export: %,d events in %,d batches sent to %s", events(runId).size(),
                taken.size(), url()));
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM export_batch WHERE run_id = ? AND status <> 'SENT'", runId))
                .isZero();
    }

    private int answered(int status) {
        return (int) collector.getAllServeEvents().stream().filter(e -> e.getResponse().getStatus() == status).count();
    }

    private static void await(java.util.function.BooleanSupplier condition, Process child) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(120).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(child.isAlive()).as("the child run is still pushing").isTrue();
            assertThat(System.nanoTime()).as("in time").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    int run(String url, String... args) {
        return JobRun.against(simulator, db, exportArguments(url, args));
    }

    private String[] exportArguments(String url, String... args) {
        Stream<String> export = url == null ? Stream.of() : Stream.of("--dspm.export.http.url=" + url,
                "--dspm.export.http.token-file=" + dir.resolve("token"), "--dspm.export.http.batch-size=50",
                "--dspm.export.http.max-attempts=2", "--dspm.export.http.initial-backoff=PT0.01S",
                "--dspm.export.http.max-backoff=PT0.05S");
        return Stream.concat(Stream.concat(Stream.of("--dspm.report.dir=" + reports), export), Stream.of(args))
                .toArray(String[]::new);
    }

    String url() {
        return "http://127.0.0.1:" + collector.port() + PATH;
    }

    List<JsonNode> events(long runId) {
        return dev.dspm.scanner.report.ReportEvents.read(reports.resolve(runId + "/findings.ocsf.jsonl"));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
