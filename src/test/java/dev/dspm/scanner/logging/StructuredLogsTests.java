package dev.dspm.scanner.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.dspm.scanner.DspmScannerApplication;
import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.SystemTest;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.config.ExitCode;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.RecordedRequest;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * What a log shipper reads from the job's console, the job run in a JVM of its own as in production: with
 * {@code --logging.structured.format.console=ecs} every line is one JSON object, and without it the console is the
 * plain text a person reads.
 */
@SystemTest
class StructuredLogsTests {

    static final String ECS = "--logging.structured.format.console=ecs";
    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    @TempDir
    Path dir;

    ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(
            TenantSpec.of(17L, Map.of("ASSET_TYPE_FILE_SHARE", 900, "ASSET_TYPE_SESSION_SHARE", 400))));

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void aFailedRunAndItsResumptionLogOneJsonObjectPerLineWithTheRunTheStepAndTheRequestIdOfEachApiFailure() throws Exception {
        String db = TestDatabases.h2(dir);
        // The key check and two pages pass; every request after fails, twice each, so the run fails and is resumed.
        simulator.faults().failAfter(3, 500, Integer.MAX_VALUE);
        Output failed = run(db, ECS, "--dspm.api.max-attempts=2");
        simulator.faults().clear();
        Output resumed = run(db, ECS);

        assertThat(failed.exit()).as(failed.all()).isEqualTo(ExitCode.FAILED.code());
        assertThat(resumed.exit()).as(resumed.all()).isEqualTo(ExitCode.COMPLETED.code());
        String runId = Long.toString(onlyRunId(db));
        List<JsonNode> failedEvents = events(failed);
        List<JsonNode> resumedEvents = events(resumed);

        for (List<JsonNode> night : List.of(failedEvents, resumedEvents)) {
            List<JsonNode> ofTheRun = fromFirstWithARunId(night);
            assertThat(ofTheRun).hasSizeGreaterThan(3)
                    .allSatisfy(event -> assertThat(event.at("/dspm/run_id").asString()).as(event.toString()).isEqualTo(runId));
            // All but the summary and the last line, logged once the job has ended, name their step.
            assertThat(ofTheRun).filteredOn(event -> !logger(event).endsWith(".RunSummary") && !logger(event).endsWith(".RunCommand"))
                    .allSatisfy(event -> assertThat(event.at("/dspm/step").asString()).as(event.toString()).isNotEmpty());
        }
        assertThat(failedEvents).filteredOn(event -> logger(event).endsWith(".Preflight"))
                .singleElement().satisfies(event -> assertThat(event.at("/dspm/step").asString()).isEqualTo("preflight"));
        assertThat(resumedEvents).filteredOn(event -> logger(event).endsWith(".ScanProgress")).isNotEmpty()
                .allSatisfy(event -> assertThat(event.at("/dspm/step").asString()).isEqualTo("scan"));

        // Every API failure line names its request_id as a field: one the simulator answered with that 500.
        Set<String> failedRequests = requestIds(500);
        List<JsonNode> apiFailures = failedEvents.stream().filter(event -> level(event).equals("WARN")
                && logger(event).equals("dev.dspm.scanner.manus.RetryingCaller")).toList();
        assertThat(apiFailures).hasSizeGreaterThanOrEqualTo(2).allSatisfy(event -> {
            String requestId = event.path("request_id").asString();
            assertThat(failedRequests).contains(requestId);
            assertThat(event.path("message").asString()).contains("request_id=" + requestId);
            // logged on a prefetch thread, which carries the fields of the partition's worker step
            assertThat(event.at("/process/thread/name").asString()).startsWith("fetch-");
            assertThat(event.at("/dspm/step").asString()).startsWith("scanPartition:");
        });

        JsonNode lastLine = failedEvents.get(failedEvents.size() - 1);
        assertThat(level(lastLine)).isEqualTo("ERROR");
        assertThat(lastLine.path("message").asString()).startsWith("dspm-scanner: run " + runId + " failed: team.asset.list");
        assertThat(resumedEvents).filteredOn(event -> logger(event).endsWith(".RunSummary")).singleElement().satisfies(summary -> {
            assertThat(level(summary)).isEqualTo("INFO");
            assertThat(summary.path("message").asString()).startsWith("run " + runId + " COMPLETED\nasset type")
                    .contains("\nFILE_SHARE ").contains("\nfindings ").contains("\nreport: ");
        });
        // The run's last line is ERROR, its summary INFO: neither goes to stderr as plain text.
        assertThat(failed.err() + resumed.err()).isBlank();
        assertThat(failed.all() + resumed.all()).doesNotContain(ManusSimulator.AUDIT_KEY);
    }

    @Test
    void aRejudgeLogsOneJsonObjectPerLineToo() throws Exception {
        String db = TestDatabases.h2(dir);
        assertThat(JobRun.against(simulator, db)).isZero();
        int requests = simulator.requestCount();

        Output rejudged = run(db, ECS, "--rejudge=1", "--dspm.fail-on=LOW");

        assertThat(rejudged.exit()).as(rejudged.all()).isEqualTo(ExitCode.FINDINGS.code());
        List<JsonNode> events = events(rejudged);
        assertThat(events).filteredOn(event -> logger(event).endsWith(".RunSummary")).singleElement()
                .satisfies(summary -> assertThat(summary.path("message").asString()).startsWith("run 1 judged again by the "
                        + "policies in ").contains("\nfindings ").contains("\nreport: "));
        JsonNode lastLine = events.get(events.size() - 1);
        assertThat(level(lastLine)).isEqualTo("WARN");
        assertThat(lastLine.path("message").asString()).startsWith("dspm-scanner: run 1 has ").contains("dspm.fail-on=LOW");
        assertThat(rejudged.err()).isBlank();
        assertThat(simulator.requestCount()).as("no request").isEqualTo(requests);
    }

    @Test
    void theConsoleIsPlainTextByDefault() throws Exception {
        simulator.faults().failAfter(3, 500, 1);

        Output night = run(TestDatabases.h2(dir));

        assertThat(night.exit()).as(night.all()).isZero();
        assertThat(night.out()).contains("\nrun 1 COMPLETED\nasset type").contains("\nfindings ")
                .containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN .*attempt 1/\\d+ failed \\[code=internal, request_id=req-4\\]")
                .doesNotContain("{\"");
        assertThat(night.err()).isEmpty();
    }

    record Output(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private Output run(String db, String... extraArgs) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), DspmScannerApplication.class.getName()));
        command.addAll(JobRun.arguments(simulator, db, extraArgs));
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("MANUS_ASSET_AUDIT_KEY", ManusSimulator.AUDIT_KEY);
        Process process = builder.start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("the run ended").isTrue();
        return new Output(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Every line that is not blank, stdout's and stderr's, parsed as one JSON object. */
    private static List<JsonNode> events(Output output) {
        List<JsonNode> events = new ArrayList<>();
        for (String line : (output.out() + output.err()).split("\n")) {
            if (!line.isBlank()) {
                JsonNode event = JSON.readTree(line);
                assertThat(event.isObject()).as(line).isTrue();
                events.add(event);
            }
        }
        return events;
    }

    /** The lines logged before the run began (the database migrated, say) have no run to name. */
    private static List<JsonNode> fromFirstWithARunId(List<JsonNode> events) {
        int first = IntStream.range(0, events.size()).filter(i -> events.get(i).at("/dspm/run_id").isString())
                .findFirst().orElse(events.size());
        return events.subList(first, events.size());
    }

    private Set<String> requestIds(int status) {
        List<RecordedRequest> requests = simulator.requests();
        // The simulator numbers requests from 1 in the order received and names each "req-" + its number.
        return IntStream.range(0, requests.size()).filter(i -> requests.get(i).status() == status)
                .mapToObj(i -> "req-" + (i + 1)).collect(Collectors.toSet());
    }

    private static long onlyRunId(String db) throws Exception {
        try (Connection connection = TestDatabases.connect(db); Statement statement = connection.createStatement();
                ResultSet runs = statement.executeQuery("SELECT JOB_INSTANCE_ID FROM BATCH_JOB_INSTANCE")) {
            assertThat(runs.next()).isTrue();
            long runId = runs.getLong(1);
            assertThat(runs.next()).as("one run, resumed").isFalse();
            return runId;
        }
    }

    private static String logger(JsonNode event) {
        return event.at("/log/logger").asString();
    }

    private static String level(JsonNode event) {
        return event.at("/log/level").asString();
    }
}
