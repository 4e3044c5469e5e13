package dev.dspm.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import dev.dspm.scanner.findings.FindingStatus;
import dev.dspm.scanner.remediation.ActionStatus;

/**
 * findings.ocsf.jsonl from the report's model filled with hostile text: each event valid against the OCSF class named,
 * each field as the finding has it, and every hostile name, owner, waiver and rationale intact as data.
 */
class OcsfEventTests {

    @ParameterizedTest
    @EnumSource(OcsfClass.class)
    void everyEventValidatesAgainstItsClassAndKeepsHostileTextIntact(OcsfClass eventClass) throws IOException {
        ReportSamples.Sample sample = ReportSamples.hostile(40);
        List<ReportedFinding> rows = withActions(sample.rows());
        List<JsonNode> events = write(eventClass, sample, rows);

        assertThat(events).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            ReportedFinding row = rows.get(i);
            JsonNode event = events.get(i);
            assertThat(StandardSchemas.ocsf(eventClass, event)).as("event %d: %s", i, event).isEmpty();
            assertThat(event.get("class_uid").asInt()).isEqualTo(eventClass.uid());
            assertThat(event.get("metadata").get("version").asString()).isEqualTo(OcsfJsonSchema.version())
                    .isEqualTo(OcsfEvent.OCSF_VERSION);
            JsonNode share = event.get("resources").get(0);
            assertThat(share.get("uid").asString()).isEqualTo(row.shareUid());
            assertThat(share.get("name").asString()).isEqualTo(row.assetName());
            assertThat(share.get("data").path("scope_raw").asString(null)).as("the raw spelling of an unknown scope only")
                    .isEqualTo(row.permission().equals("UNKNOWN") ? row.permissionRaw() : null);
            assertThat(share.get("owner").get("uid").asString()).isEqualTo(row.ownerId());
            String email = share.get("owner").has("email_addr") ? share.get("owner").get("email_addr").asString()
                    : event.get("unmapped").get("dspm").path("owner_email").asString(null);
            assertThat(email).as("the owner's address, typed as one or kept as text").isEqualTo(row.ownerEmail());
            assertThat(event.get("finding_info").get("uid").asString())
                    .isEqualTo(FindingUid.of(ReportSamples.HOSTILE_TENANT, row.shareUid(), row.policyId()));
            assertThat(event.get("metadata").get("tenant_uid").asString()).isEqualTo(ReportSamples.HOSTILE_TENANT);
            assertThat(event.get("finding_info").get("desc").asString()).startsWith(ReportSamples.HOSTILE_RATIONALE);
            assertThat(event.get("finding_info").get("first_seen_time").asLong()).isEqualTo(row.firstSeen().toEpochMilli());
            if (row.status() == FindingStatus.EXCEPTED) {
                assertThat(event.get("status_id").asInt()).isEqualTo(3);
                assertThat(event.get("comment").asString()).isEqualTo("<img src=x onerror=window.__pwned=1>");
                assertThat(event.get("status_detail").asString()).contains("ciso@acme.example & <b>").contains("2026-06-03");
                assertThat(event.get("unmapped").get("dspm").get("waiver").get("approved_by").asString())
                        .isEqualTo("ciso@acme.example & <b>");
            }
            if (row.remediation() != null) {
                JsonNode action = event.get("unmapped").get("dspm").get("remediation");
                assertThat(action.get("status").asString()).isEqualTo(row.remediation().status().name());
                assertThat(action.get("to_scope").asString()).isEqualTo(row.remediation().toScope());
                if (eventClass == OcsfClass.DETECTION_FINDING) {
                    assertThat(event.get("remediation").get("desc").asString()).contains("-> " + row.remediation().toScope());
                }
            } else {
                assertThat(event.get("unmapped").get("dspm").has("remediation")).isFalse();
            }
            assertThat(event.has("data_security")).isEqualTo(eventClass == OcsfClass.DATA_SECURITY_FINDING);
        }
        assertThat(events.stream().map(e -> e.get("resources").get(0).get("name").asString()))
                .containsAll(ReportSamples.HOSTILE_NAMES);
        assertThat(events.stream().map(e -> e.get("status_id").asInt()).distinct()).containsExactlyInAnyOrder(1, 2, 3, 4);
    }

    /** The compiled schema is not a formality: each of these breaks of a valid event is refused. */
    @Test
    void theSchemaRefusesMissingRequiredAttributesWrongTypesUnknownEnumValuesAndUnknownNames() throws IOException {
        ReportSamples.Sample sample = ReportSamples.hostile(4);
        JsonNode valid = write(OcsfClass.DATA_SECURITY_FINDING, sample, sample.rows()).get(0);
        assertThat(StandardSchemas.ocsf(OcsfClass.DATA_SECURITY_FINDING, valid)).isEmpty();

        List<java.util.function.Consumer<tools.jackson.databind.node.ObjectNode>> breaks = List.of(
                event -> ((tools.jackson.databind.node.ObjectNode) event.get("finding_info")).remove("uid"),
                event -> event.remove("metadata"),
                event -> ((tools.jackson.databind.node.ObjectNode) event.get("metadata")).remove("version"),
                event -> event.put("severity_id", 7),
                event -> event.put("status_id", 8),
                event -> event.put("activity_id", 5),
                event -> event.put("class_uid", 2004),
                event -> event.put("type_uid", 200605),
                event -> event.put("time", "2026-05-04T06:00:00Z"),
                event -> event.put("is_alert", "yes"),
                event -> event.put("finding", "misspelt"),
                event -> ((tools.jackson.databind.node.ObjectNode) event.get("resources").get(0)).put("role_id", 9),
                event -> ((tools.jackson.databind.node.ObjectNode) event.get("resources").get(0).get("owner"))
                        .put("email_addr", "not an address"),
                event -> ((tools.jackson.databind.node.ObjectNode) event.get("finding_info").get("analytic")).remove("type_id"));
        for (int i = 0; i < breaks.size(); i++) {
            tools.jackson.databind.node.ObjectNode broken = (tools.jackson.databind.node.ObjectNode) valid.deepCopy();
            breaks.get(i).accept(broken);
            assertThat(StandardSchemas.ocsf(OcsfClass.DATA_SECURITY_FINDING, broken)).as("break %d", i).isNotEmpty();
        }
    }

    @Test
    void eachStatusIsItsActivityAndStatusAndTheSeverityIsThePolicys() {
        assertThat(OcsfEvent.activityId(FindingStatus.NEW)).isEqualTo(1);
        assertThat(OcsfEvent.activityId(FindingStatus.OPEN)).isEqualTo(2);
        assertThat(OcsfEvent.activityId(FindingStatus.EXCEPTED)).isEqualTo(2);
        assertThat(OcsfEvent.activityId(FindingStatus.RESOLVED)).isEqualTo(3);
        assertThat(OcsfEvent.statusId(FindingStatus.NEW)).isEqualTo(1);
        assertThat(OcsfEvent.statusId(FindingStatus.OPEN)).isEqualTo(2);
        assertThat(OcsfEvent.statusId(FindingStatus.EXCEPTED)).isEqualTo(3);
        assertThat(OcsfEvent.statusId(FindingStatus.RESOLVED)).isEqualTo(4);
        assertThat(OcsfEvent.severityId(dev.dspm.scanner.policy.Severity.LOW)).isEqualTo(2);
        assertThat(OcsfEvent.severityId(dev.dspm.scanner.policy.Severity.CRITICAL)).isEqualTo(5);
    }

    @Test
    void aNameWithLineBreaksStaysOneLineOfTheFile() throws IOException {
        ReportSamples.Sample sample = ReportSamples.hostile(12);
        String text = text(OcsfClass.DATA_SECURITY_FINDING, sample, sample.rows());
        assertThat(text.split("\n", -1)).as("one line per event, then the last line end").hasSize(13);
        assertThat(text).contains(ReportSamples.CONTROL_NAME.replace("\t", "\\t").replace("\n", "\\n").substring(0, 8));
    }

    /** Every third finding with a remediation action on its share, of each status that is not a skip. */
    static List<ReportedFinding> withActions(List<ReportedFinding> rows) {
        List<ReportedFinding> with = new ArrayList<>();
        ActionStatus[] statuses = { ActionStatus.PLANNED, ActionStatus.APPLIED, ActionStatus.FAILED, ActionStatus.IN_FLIGHT };
        for (int i = 0; i < rows.size(); i++) {
            ReportedFinding f = rows.get(i);
            ReportedFinding.Remediation action = i % 3 != 0 ? null : new ReportedFinding.Remediation(f.policyId(), "PUBLIC",
                    "TEAM_ONLY", statuses[i / 3 % statuses.length], i % 2 == 0 ? "req-\"<b>" + i : null,
                    Instant.parse("2026-05-04T06:30:00Z"));
            with.add(new ReportedFinding(f.shareUid(), f.assetType(), f.assetName(), f.ownerId(), f.permission(),
                    f.permissionRaw(), f.maxPermission(), f.maxPermissionRaw(), f.assetExists(), f.policyId(), f.severity(),
                    f.title(), f.recommendedScope(), f.status(), f.firstSeenRun(), f.firstSeen(), f.lastSeen(), f.waiverKey(),
                    f.waiverActive(), f.resolution(), f.ownerEmail(), f.ownerStatus(), f.ownerDelegatedTo(), action));
        }
        return with;
    }

    static List<JsonNode> write(OcsfClass eventClass, ReportSamples.Sample sample, List<ReportedFinding> rows)
            throws IOException {
        return StandardSchemas.events(text(eventClass, sample, rows));
    }

    private static String text(OcsfClass eventClass, ReportSamples.Sample sample, List<ReportedFinding> rows)
            throws IOException {
        ReportSettings settings = new ReportSettings(java.nio.file.Path.of("unused"), 10,
                new ReportSettings.Ocsf(true, eventClass), null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportFile.Pass pass = new OcsfFile(settings).begin(out, ReportSamples.input(sample));
        pass.findings();
        rows.forEach(pass::finding);
        pass.end();
        return out.toString(StandardCharsets.UTF_8);
    }
}
