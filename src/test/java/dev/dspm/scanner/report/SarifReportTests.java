package dev.dspm.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.dspm.scanner.findings.FindingStatus;

/**
 * report.sarif from the report's model filled with hostile text: valid against OASIS's SARIF 2.1.0 schema, its rules the
 * policies, a result per finding with what changed and the waivers in SARIF's own fields, hostile text intact.
 */
class SarifReportTests {

    @Test
    void theLogValidatesAndEachResultIsItsFindingWithHostileTextIntact() {
        ReportSamples.Sample sample = ReportSamples.hostile(40);
        JsonNode log = write(sample);

        assertThat(StandardSchemas.sarif(log)).isEmpty();
        assertThat(log.get("version").asString()).isEqualTo("2.1.0");
        assertThat(log.get("runs")).hasSize(1);
        JsonNode run = log.get("runs").get(0);
        JsonNode rules = run.get("tool").get("driver").get("rules");
        List<ReportedPolicy> policies = ReportSamples.policies();
        assertThat(rules).hasSize(policies.size());
        for (int i = 0; i < policies.size(); i++) {
            ReportedPolicy policy = policies.get(i);
            JsonNode rule = rules.get(i);
            assertThat(rule.get("id").asString()).isEqualTo(policy.id());
            assertThat(rule.get("shortDescription").get("text").asString()).isEqualTo(policy.title());
            assertThat(rule.get("help").get("text").asString()).startsWith(policy.rationale());
            assertThat(rule.get("defaultConfiguration").get("level").asString()).isEqualTo(SarifReport.level(policy.severity()));
            assertThat(rule.get("properties").get("recommended_scope").asString(null)).isEqualTo(policy.recommendedScope());
        }
        assertThat(run.get("properties").get("tenant").asString()).isEqualTo(ReportSamples.HOSTILE_TENANT);

        JsonNode results = run.get("results");
        assertThat(results).hasSize(sample.rows().size());
        for (int i = 0; i < sample.rows().size(); i++) {
            ReportedFinding row = sample.rows().get(i);
            JsonNode result = results.get(i);
            assertThat(result.get("ruleId").asString()).isEqualTo(row.policyId());
            assertThat(rules.get(result.get("ruleIndex").asInt()).get("id").asString()).isEqualTo(row.policyId());
            JsonNode location = result.get("locations").get(0).get("logicalLocations").get(0);
            assertThat(location.get("name").asString()).isEqualTo(row.assetName());
            assertThat(location.get("fullyQualifiedName").asString()).isEqualTo(row.assetType() + "/" + row.shareUid());
            assertThat(result.get("properties").get("share_uid").asString()).isEqualTo(row.shareUid());
            assertThat(result.get("properties").get("owner_id").asString()).isEqualTo(row.ownerId());
            assertThat(result.get("partialFingerprints").get(SarifReport.FINGERPRINT).asString())
                    .isEqualTo(FindingUid.of(ReportSamples.HOSTILE_TENANT, row.shareUid(), row.policyId()));
            assertThat(result.get("baselineState").asString()).isEqualTo(switch (row.status()) {
                case NEW -> "new";
                case OPEN -> "unchanged";
                case EXCEPTED -> row.firstSeenRun() == 7 ? "new" : "unchanged";
                case RESOLVED -> "absent";
            });
            if (row.status() == FindingStatus.RESOLVED) {
                assertThat(result.get("kind").asString()).isEqualTo("pass");
                assertThat(result.get("level").asString()).isEqualTo("none");
            } else {
                assertThat(result.get("kind").asString()).isEqualTo("fail");
                assertThat(result.get("level").asString()).isEqualTo(SarifReport.level(row.severity()));
            }
            if (row.status() == FindingStatus.EXCEPTED) {
                JsonNode suppression = result.get("suppressions").get(0);
                assertThat(suppression.get("kind").asString()).isEqualTo("external");
                assertThat(suppression.get("justification").asString()).isEqualTo("<img src=x onerror=window.__pwned=1>");
                assertThat(suppression.get("properties").get("approved_by").asString()).isEqualTo("ciso@acme.example & <b>");
                assertThat(suppression.get("properties").get("expires").asString()).isEqualTo("2026-06-03");
            } else {
                assertThat(result.has("suppressions")).isFalse();
            }
        }
        assertThat(results.valueStream().map(r -> r.get("properties").get("asset_name").asString()))
                .containsAll(ReportSamples.HOSTILE_NAMES);
    }

    /** The schema is applied for real: each of these breaks of the valid log is refused. */
    @Test
    void theSchemaRefusesAWrongLevelBaselineStateSuppressionOrAMissingMessage() {
        JsonNode valid = write(ReportSamples.hostile(8));
        List<java.util.function.Consumer<ObjectNode>> breaks = new ArrayList<>();
        breaks.add(result -> result.put("level", "critical"));
        breaks.add(result -> result.put("baselineState", "resolved"));
        breaks.add(result -> result.remove("message"));
        breaks.add(result -> result.putArray("suppressions").addObject().put("kind", "waiver"));
        breaks.add(result -> result.put("ruleIndex", -2));
        for (int i = 0; i < breaks.size(); i++) {
            ObjectNode broken = (ObjectNode) valid.deepCopy();
            breaks.get(i).accept((ObjectNode) broken.get("runs").get(0).get("results").get(0));
            assertThat(StandardSchemas.sarif(broken)).as("break %d", i).isNotEmpty();
        }
    }

    static JsonNode write(ReportSamples.Sample sample) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportFile.Pass pass = new SarifFile().begin(out, ReportSamples.input(sample));
        pass.findings();
        sample.rows().forEach(pass::finding);
        try {
            pass.end();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return StandardSchemas.JSON.readTree(out.toByteArray());
    }
}
