package dev.dspm.scanner.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.dspm.scanner.Console;
import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.Snapshot;
import dev.dspm.scanner.SystemTest;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.findings.FindingStatus;
import dev.dspm.scanner.policy.Severity;
import dev.dspm.scanner.remediation.ActionStatus;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * Real runs against the simulator that push to Debian's real Prometheus Pushgateway: what the gateway then serves for
 * the tenant's group is what the run did, the same numbers its report and its metrics.prom hold, and a failed run
 * replaces its outcome while the last success keeps its time.
 */
@SystemTest
class RunMetricsTests {

    private static final String PREFIX = "--management.prometheus.metrics.export.pushgateway.";
    private static final String LIST = "team.asset.list";

    @TempDir
    Path dir;

    ManusSimulator simulator;
    PushgatewayProcess gateway;
    Path reports;

    @BeforeEach
    void start() throws Exception {
        gateway = PushgatewayProcess.start();
        simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(41L, 1_500)));
        reports = dir.resolve("reports");
    }

    @AfterEach
    void stop() {
        // Null when start() was aborted: without the Pushgateway installed the tests are skipped, not failed.
        if (simulator != null) {
            simulator.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void theGatewayServesWhatTheRunDidUnderItsJobAndTenant(String kind) throws Exception {
        String db = TestDatabases.of(kind, dir);
        simulator.faults().retryAfterSeconds(0).failNext(429, 2).failNext(503, 1);
        Instant before = Instant.now();

        assertThat(run(db)).isZero();

        Instant after = Instant.now();
        long runId = Snapshot.latestRun(db);
        JsonNode report = JsonMapper.builder().build().readTree(reports.resolve(runId + "/report.json").toFile());
        PrometheusText pushed = PrometheusText.parse(gateway.metrics()).where("job", "dspm-scanner", "tenant", "acme/eu",
                "cluster", "eu-1");

        assertThat(pushed.value("dspm_run_outcome", "outcome", "completed")).isEqualTo(1);
        assertThat(pushed.sum("dspm_run_outcome")).as("one outcome").isEqualTo(1);
        assertThat(pushed.value("dspm_run_id")).isEqualTo(runId);
        assertThat(pushed.value("dspm_run_complete")).isEqualTo(1);
        assertThat(pushed.value("dspm_last_success_timestamp_seconds")).isBetween(before.getEpochSecond() - 1.0,
                after.getEpochSecond() + 1.0);
        for (JsonNode type : report.get("run").get("types")) {
            String assetType = type.get("asset_type").asString();
            assertThat(pushed.value("dspm_shares_stored", "asset_type", assetType)).as(assetType)
                    .isEqualTo(type.get("stored").asLong()).isEqualTo(simulatorCount(assetType)).isPositive();
            assertThat(pushed.value("dspm_shares_expected", "asset_type", assetType)).isEqualTo(type.get("api_total").asLong());
            assertThat(pushed.value("dspm_asset_type_complete", "asset_type", assetType)).isEqualTo(1);
        }
        JsonNode bySeverity = report.get("summary").get("by_severity");
        for (Severity severity : Severity.values()) {
            for (FindingStatus status : FindingStatus.values()) {
                assertThat(pushed.value("dspm_findings", "severity", severity.name(), "status", status.name()))
                        .as(severity + " " + status)
                        .isEqualTo(bySeverity.get(severity.name()).get(status.name().toLowerCase(Locale.ROOT)).asLong());
            }
        }
        assertThat(pushed.sum("dspm_findings")).isEqualTo(report.get("summary").get("findings").asLong()).isPositive();
        JsonNode actions = report.get("remediation").get("counts");
        for (ActionStatus status : ActionStatus.values()) {
            assertThat(pushed.value("dspm_remediation_actions", "status", status.name())).as(status.name())
                    .isEqualTo(actions.get(status.name().toLowerCase(Locale.ROOT)).asLong());
        }
        assertThat(pushed.value("dspm_remediation_actions", "status", "SKIPPED")).isPositive();

        assertThat(answers(pushed)).as("every answer the simulator gave, by status")
                .isEqualTo(simulator.requests().stream().collect(Collectors.groupingBy(r -> Integer.toString(r.status()),
                        TreeMap::new, Collectors.counting())))
                .containsEntry("429", 2L).containsEntry("503", 1L);
        assertThat(pushed.value("dspm_api_retries_total", "operation", LIST)).isEqualTo(3);
        assertThat(pushed.where("step", "scan").named("dspm_step_duration_seconds")).hasSize(1);
        assertThat(pushed.named("dspm_step_duration_seconds").stream().map(s -> s.labels().get("step")))
                .containsExactlyInAnyOrder("preflight", "scan", "seal", "owners", "evaluate", "findings", "remediation", "report",
                        "export", "retention");

        Path file = reports.resolve(runId + "/metrics.prom");
        Promtool.Check check = Promtool.checkMetrics(file);
        assertThat(check.output()).as("promtool's findings").isEmpty();
        assertThat(check.exit()).isZero();
        PrometheusText written = PrometheusText.parse(Files.readString(file));
        assertThat(written.samples()).as("the file holds what was pushed, without the group's labels")
                .containsExactlyInAnyOrderElementsOf(withoutGroup(pushed));
    }

    @Test
    void aFailedRunPushesItsFailureAndLeavesTheLastSuccessTime() throws Exception {
        String db = TestDatabases.h2(dir);
        assertThat(run(db)).isZero();
        PrometheusText first = PrometheusText.parse(gateway.metrics()).where("tenant", "acme/eu");
        double lastSuccess = first.value("dspm_last_success_timestamp_seconds");
        double findings = first.sum("dspm_findings");

        simulator.faults().failAfter(3, 500, Integer.MAX_VALUE);
        assertThat(run(db, "--dspm.api.max-attempts=2")).isEqualTo(1);

        long failedRun = (long) first.value("dspm_run_id") + 1;
        PrometheusText pushed = PrometheusText.parse(gateway.metrics()).where("tenant", "acme/eu");
        assertThat(pushed.value("dspm_run_outcome", "outcome", "failed")).isEqualTo(1);
        assertThat(pushed.value("dspm_run_outcome", "outcome", "completed")).isZero();
        assertThat(pushed.value("dspm_run_id")).isEqualTo(failedRun);
        assertThat(pushed.value("dspm_last_success_timestamp_seconds")).as("the first run's").isEqualTo(lastSuccess);
        assertThat(pushed.sum("dspm_findings")).as("the last judged run's, not zeros").isEqualTo(findings);
        assertThat(pushed.sum("dspm_api_requests_total", "outcome", "500")).isEqualTo(
                simulator.requests().stream().filter(r -> r.status() == 500).count()).isPositive();

        Path file = reports.resolve(failedRun + "/metrics.prom");
        assertThat(PrometheusText.parse(Files.readString(file)).value("dspm_run_outcome", "outcome", "failed")).isEqualTo(1);
        assertThat(file.getParent()).as("a failed run has metrics, and no report")
                .isDirectoryNotContaining("glob:**/report.*");
    }

    @Test
    void aGatewayThatCannotBeReachedNeverChangesHowTheRunEnded() throws Exception {
        String closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = "127.0.0.1:" + socket.getLocalPort();
        }
        Console.Captured run = Console.capture(() -> run(TestDatabases.h2(dir), PREFIX + "address=" + closed));

        assertThat(run.exit()).isZero();
        assertThat(run.all()).contains("could not push the run's metrics to the Pushgateway at " + closed);
        assertThat(PrometheusText.parse(Files.readString(reports.resolve("1/metrics.prom")))
                .value("dspm_run_outcome", "outcome", "completed")).isEqualTo(1);
    }

    private int run(String db, String... extra) {
        List<String> args = Stream.concat(Stream.of(PREFIX + "enabled=true", PREFIX + "address=" + gateway.address(),
                PREFIX + "grouping-key.cluster=eu-1", "--dspm.tenant=acme/eu", "--dspm.report.dir=" + reports), Stream.of(extra))
                .toList();
        return JobRun.against(simulator, db, args.toArray(String[]::new));
    }

    private long simulatorCount(String assetType) {
        return simulator.tenant().size("ASSET_TYPE_" + assetType);
    }

    private static Map<String, Long> answers(PrometheusText pushed) {
        Map<String, Long> answers = new TreeMap<>();
        pushed.where("operation", LIST).named("dspm_api_requests_total")
                .forEach(s -> answers.put(s.labels().get("outcome"), (long) s.value()));
        return answers;
    }

    /** The gateway adds its group's labels, an empty instance label, and its own push time series. */
    private static List<PrometheusText.Sample> withoutGroup(PrometheusText pushed) {
        return pushed.samples().stream().filter(s -> !s.name().startsWith("push_"))
                .map(s -> {
                    Map<String, String> labels = new TreeMap<>(s.labels());
                    labels.keySet().removeAll(List.of("job", "tenant", "cluster", "instance"));
                    return new PrometheusText.Sample(s.name(), labels, s.value());
                }).toList();
    }
}
