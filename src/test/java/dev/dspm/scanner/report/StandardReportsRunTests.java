package dev.dspm.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.Snapshot;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.policy.Severity;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * findings.ocsf.jsonl and report.sarif of real nights against the simulator, a night with NEW, OPEN, EXCEPTED and
 * RESOLVED findings and a planned remediation: every event valid against the OCSF class it names, the SARIF log
 * against OASIS's schema, both one to one with report.json's findings, ids stable across nights, and each format
 * switched off and on.
 */
class StandardReportsRunTests {

    static final String FILE = "ASSET_TYPE_FILE_SHARE";
    static final String SESSION = "ASSET_TYPE_SESSION_SHARE";
    static final String JUSTIFICATION = "press office </script><script>window.__pwned=1</script> \"public\" & by design";
    static final String APPROVER = "=HYPERLINK(\"x\") <b>ciso</b>";

    @TempDir
    Path dir;

    ManusSimulator simulator;
    Path reports;
    Path policies;

    @BeforeEach
    void start() throws Exception {
        simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(29L, 1_500)));
        reports = dir.resolve("reports");
        policies = dir.resolve("policies");
        FileSystemUtils.copyRecursively(Path.of("policies"), policies);
        String owner = simulator.tenant().ownerIds().get(3);
        java.nio.file.Files.writeString(policies.resolve("exceptions.yaml"), """
                waivers:
                  - owner_id: "%s"
                    policy: "*"
                    justification: '%s'
                    approved_by: '%s'
                    expires: %s
                """.formatted(owner, JUSTIFICATION, APPROVER, LocalDate.now(ZoneOffset.UTC).plusDays(30)));
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void everyFindingOfANightIsOneValidOcsfEventAndOneSarifResult(String kind) throws Exception {
        String db = TestDatabases.of(kind, dir);
        simulator.tenant().setGlobalControl(SESSION, "SHARE_SCOPE_TEAM_ONLY");
        assertThat(run(db)).isZero();
        long first = Snapshot.latestRun(db);
        Map<String, JsonNode> firstEvents = byKey(StandardSchemas.events(reports.resolve(first + "/" + OcsfFile.NAME)));

        // the next night: the file shares tightened (resolved), the session shares opened again (new)
        simulator.tenant().setGlobalControl(FILE, "SHARE_SCOPE_TEAM_ONLY");
        simulator.tenant().setGlobalControl(SESSION, "SHARE_SCOPE_PUBLIC");
        assertThat(run(db)).isZero();
        long second = Snapshot.latestRun(db);
        JsonNode report = ReportFiles.json(reports.resolve(second + "/report.json"));
        Map<String, JsonNode> findings = ReportFiles.findings(report);
        Map<String, JsonNode> policies = new HashMap<>();
        report.get("policies").forEach(policy -> policies.put(policy.get("policy_id").asString(), policy));
        assertThat(findings.values().stream().map(f -> f.get("status").asString()).collect(Collectors.toSet()))
                .as("the night has findings of every status").containsExactlyInAnyOrder("NEW", "OPEN", "EXCEPTED", "RESOLVED");
        Set<String> planned = new HashSet<>();
        report.get("remediations").forEach(action -> {
            if (!action.get("status").asString().equals("SKIPPED")) {
                planned.add(action.get("share_uid").asString());
            }
        });
        assertThat(planned).as("a plan with actions (no grace period)").isNotEmpty();

        List<JsonNode> events = StandardSchemas.events(reports.resolve(second + "/" + OcsfFile.NAME));
        assertThat(events).hasSize(findings.size());
        Map<String, JsonNode> byKey = byKey(events);
        assertThat(byKey.keySet()).as("one event per finding, one to one").isEqualTo(findings.keySet());
        for (JsonNode event : events) {
            assertThat(StandardSchemas.ocsf(OcsfClass.DATA_SECURITY_FINDING, event)).as(event.toString()).isEmpty();
            JsonNode finding = findings.get(key(event));
            String status = finding.get("status").asString();
            assertThat(event.get("status_id").asInt()).isEqualTo(switch (status) {
                case "NEW" -> 1;
                case "OPEN" -> 2;
                case "EXCEPTED" -> 3;
                default -> 4;
            });
            assertThat(event.get("activity_id").asInt()).isEqualTo(switch (status) {
                case "NEW" -> 1;
                case "RESOLVED" -> 3;
                default -> 2;
            });
            assertThat(event.get("severity_id").asInt()).isEqualTo(OcsfEvent.severityId(Severity.valueOf(finding.get("severity").asString())));
            assertThat(event.get("finding_info").get("first_seen_time").asLong())
                    .isEqualTo(java.time.Instant.parse(finding.get("first_seen").asString()).toEpochMilli());
            JsonNode share = event.get("resources").get(0);
            assertThat(share.path("name").asString(null)).isEqualTo(finding.get("asset_name").asString(null));
            assertThat(share.get("data").get("scope").asString()).isEqualTo(finding.get("permission").asString());
            assertThat(share.get("data").path("recommended_scope").asString(null))
                    .isEqualTo(policies.get(finding.get("policy_id").asString()).path("recommended_scope").asString(null));
            if (status.equals("EXCEPTED")) {
                assertThat(event.get("comment").asString()).isEqualTo(JUSTIFICATION);
                assertThat(event.get("status_detail").asString()).contains(APPROVER)
                        .contains(LocalDate.now(ZoneOffset.UTC).plusDays(30).toString());
            }
            assertThat(event.get("unmapped").get("dspm").has("remediation"))
                    .as("the action planned for the share, on each of its findings")
                    .isEqualTo(planned.contains(share.get("uid").asString()));
            JsonNode before = firstEvents.get(key(event));
            if (before != null) {
                assertThat(event.get("finding_info").get("uid").asString()).as("the same finding the night before")
                        .isEqualTo(before.get("finding_info").get("uid").asString());
                assertThat(event.get("metadata").get("uid").asString()).isNotEqualTo(before.get("metadata").get("uid").asString());
            }
        }

        JsonNode sarif = ReportFiles.json(reports.resolve(second + "/" + SarifFile.NAME));
        assertThat(StandardSchemas.sarif(sarif)).isEmpty();
        JsonNode sarifRun = sarif.get("runs").get(0);
        Set<String> rules = new HashSet<>(sarifRun.get("tool").get("driver").get("rules").findValuesAsString("id"));
        report.get("summary").get("by_policy").forEach(policy -> assertThat(rules).contains(policy.get("policy_id").asString()));
        Map<String, JsonNode> results = new HashMap<>();
        sarifRun.get("results").forEach(result -> assertThat(results.put(ReportFiles.key(
                result.get("properties").get("share_uid").asString(), result.get("ruleId").asString()), result)).isNull());
        assertThat(results.keySet()).as("SARIF's results are report.json's findings, one to one").isEqualTo(findings.keySet());
        results.forEach((key, result) -> {
            JsonNode finding = findings.get(key);
            String status = finding.get("status").asString();
            assertThat(result.get("properties").get("status").asString()).isEqualTo(status);
            assertThat(result.get("properties").get("severity").asString()).isEqualTo(finding.get("severity").asString());
            assertThat(result.get("baselineState").asString()).isEqualTo(switch (status) {
                case "NEW" -> "new";
                case "RESOLVED" -> "absent";
                case "OPEN" -> "unchanged";
                default -> finding.get("first_seen_run").asLong() == second ? "new" : "unchanged";
            });
            assertThat(result.has("suppressions")).isEqualTo(status.equals("EXCEPTED"));
            assertThat(result.get("partialFingerprints").get(SarifReport.FINGERPRINT).asString())
                    .isEqualTo(byKey.get(key).get("finding_info").get("uid").asString());
        });
        assertThat(reports.resolve("latest/" + OcsfFile.NAME)).hasSameBinaryContentAs(reports.resolve(second + "/" + OcsfFile.NAME));
        assertThat(reports.resolve("latest/" + SarifFile.NAME)).hasSameBinaryContentAs(reports.resolve(second + "/" + SarifFile.NAME));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void eachFormatIsSwitchedOffAndTheOcsfClassChosen(String kind) throws Exception {
        String db = TestDatabases.of(kind, dir);
        assertThat(run(db)).isZero();
        assertThat(reports.resolve("latest/" + SarifFile.NAME)).exists();

        assertThat(run(db, "--dspm.report.sarif.enabled=false", "--dspm.report.ocsf.event-class=detection-finding")).isZero();
        long second = Snapshot.latestRun(db);
        assertThat(reports.resolve(second + "/" + SarifFile.NAME)).doesNotExist();
        assertThat(reports.resolve("latest/" + SarifFile.NAME)).as("not the night before's, passing for this one's")
                .doesNotExist();
        List<JsonNode> events = StandardSchemas.events(reports.resolve(second + "/" + OcsfFile.NAME));
        assertThat(events).hasSize((int) ReportFiles.json(reports.resolve(second + "/report.json")).get("summary")
                .get("findings").asLong()).isNotEmpty();
        for (JsonNode event : events) {
            assertThat(event.get("class_uid").asInt()).isEqualTo(2004);
            assertThat(StandardSchemas.ocsf(OcsfClass.DETECTION_FINDING, event)).as(event.toString()).isEmpty();
        }

        assertThat(run(db, "--dspm.report.ocsf.enabled=false")).isZero();
        long third = Snapshot.latestRun(db);
        assertThat(reports.resolve(third + "/" + OcsfFile.NAME)).doesNotExist();
        assertThat(reports.resolve("latest/" + OcsfFile.NAME)).doesNotExist();
        assertThat(reports.resolve(third + "/" + SarifFile.NAME)).exists();
        assertThat(reports.resolve("latest/report.json")).hasSameBinaryContentAs(reports.resolve(third + "/report.json"));
    }

    private int run(String db, String... args) {
        return JobRun.against(simulator, db, Stream.concat(Stream.of("--dspm.report.dir=" + reports,
                "--dspm.policies.dir=" + policies, "--dspm.remediation.grace-period=PT0S"), Stream.of(args))
                .toArray(String[]::new));
    }

    private static Map<String, JsonNode> byKey(List<JsonNode> events) {
        Map<String, JsonNode> byKey = new HashMap<>();
        events.forEach(event -> assertThat(byKey.put(key(event), event)).as("one event per finding").isNull());
        return byKey;
    }

    private static String key(JsonNode event) {
        return ReportFiles.key(event.get("resources").get(0).get("uid").asString(),
                event.get("unmapped").get("dspm").get("policy_id").asString());
    }
}
