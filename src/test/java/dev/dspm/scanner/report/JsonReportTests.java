package dev.dspm.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.dspm.scanner.remediation.ActionStatus;
import dev.dspm.scanner.remediation.SkipReason;

/**
 * report.json's contract: every field named as documented; in a finding, an action and an owner a field without a
 * value left out, and a scope's raw spelling only when the scope is UNKNOWN; what each finding of a policy or an owner
 * shares said once; hostile text intact.
 */
class JsonReportTests {

    static final List<String> FINDING_FIELDS = List.of("share_uid", "asset_type", "asset_name", "owner_id", "permission",
            "permission_raw", "max_permission", "max_permission_raw", "asset_exists", "policy_id", "severity", "status",
            "first_seen", "first_seen_run", "last_seen", "waiver", "waiver_active", "resolution");

    @Test
    void everyFindingCarriesEveryFieldAndHostileTextSurvivesIntact() {
        ReportSamples.Sample sample = ReportSamples.hostile(40);
        JsonNode report = write(sample);

        assertThat(report.get("schema_version").asInt()).isEqualTo(JsonReport.SCHEMA_VERSION);
        assertThat(Instant.parse(report.get("generated_at").asString())).isEqualTo(Instant.parse("2026-05-04T07:00:00Z"));
        JsonNode findings = report.get("findings");
        assertThat(findings).hasSize(sample.rows().size());
        for (int i = 0; i < sample.rows().size(); i++) {
            ReportedFinding row = sample.rows().get(i);
            JsonNode json = findings.get(i);
            assertThat(names(json)).as("the documented fields, in order, those without a value left out")
                    .isSubsetOf(FINDING_FIELDS).isEqualTo(FINDING_FIELDS.stream().filter(names(json)::contains).toList())
                    .doesNotContain("resolution");
            assertThat(json.get("share_uid").asString()).isEqualTo(row.shareUid());
            assertThat(json.get("asset_name").asString()).isEqualTo(row.assetName());
            assertThat(json.get("owner_id").asString()).isEqualTo(row.ownerId());
            assertThat(json.get("permission").asString()).isEqualTo(row.permission());
            assertThat(json.path("permission_raw").asString(null)).as("the raw spelling of an unknown scope only")
                    .isEqualTo(row.permission().equals("UNKNOWN") ? row.permissionRaw() : null);
            assertThat(json.has("max_permission_raw")).isFalse();
            assertThat(json.get("severity").asString()).isEqualTo(row.severity().name());
            assertThat(json.get("status").asString()).isEqualTo(row.status().name());
            assertThat(json.get("first_seen").asString()).isEqualTo(row.firstSeen().toString());
            assertThat(json.get("first_seen_run").asLong()).isEqualTo(row.firstSeenRun());
            assertThat(json.get("asset_exists").asBoolean()).isEqualTo(row.assetExists());
            assertThat(json.path("waiver").asString(null)).isEqualTo(row.waiverKey());
        }
        assertThat(findings.findValuesAsString("asset_name")).containsAll(ReportSamples.HOSTILE_NAMES);
        assertThat(findings.valueStream().filter(f -> f.has("permission_raw")).map(f -> f.get("permission_raw").asString()))
                .isNotEmpty().containsOnly(ReportSamples.HOSTILE_RAW_SCOPE);
    }

    @Test
    void eachPolicyAndEachOwnerIsSaidOnceForAllTheirFindings() {
        ReportSamples.Sample sample = ReportSamples.hostile(40);
        JsonNode report = write(sample);

        Map<String, JsonNode> policies = new LinkedHashMap<>();
        report.get("policies").forEach(p -> assertThat(policies.put(p.get("policy_id").asString(), p)).isNull());
        assertThat(policies.keySet()).containsExactlyElementsOf(ReportSamples.policies().stream().map(ReportedPolicy::id).toList());
        for (ReportedPolicy policy : ReportSamples.policies()) {
            JsonNode json = policies.get(policy.id());
            assertThat(json.get("title").asString()).isEqualTo(policy.title());
            assertThat(json.get("severity").asString()).isEqualTo(policy.severity().name());
            assertThat(textOrNull(json.get("recommended_scope"))).isEqualTo(policy.recommendedScope());
            assertThat(json.get("rationale").asString()).isEqualTo(policy.rationale());
            assertThat(json.get("in_pack").asBoolean()).isEqualTo(policy.inPack());
        }
        assertThat(policies.values().stream().map(p -> p.get("rationale").asString()))
                .anySatisfy(rationale -> assertThat(rationale).startsWith(ReportSamples.HOSTILE_RATIONALE));

        Map<String, JsonNode> owners = new HashMap<>();
        report.get("owners").forEach(o -> assertThat(owners.put(o.get("owner_id").asString(), o)).isNull());
        Map<String, ReportedFinding> firstOfOwner = new HashMap<>();
        sample.rows().stream().filter(row -> row.ownerEmail() != null || row.ownerStatus() != null || row.ownerDelegatedTo() != null)
                .forEach(row -> firstOfOwner.putIfAbsent(row.ownerId(), row));
        assertThat(owners.keySet()).as("every owner the findings name that the members list knows, once")
                .isNotEmpty().isEqualTo(firstOfOwner.keySet());
        firstOfOwner.forEach((id, row) -> {
            JsonNode owner = owners.get(id);
            assertThat(owner.path("email").asString(null)).isEqualTo(row.ownerEmail());
            assertThat(owner.path("status").asString(null)).isEqualTo(row.ownerStatus());
            assertThat(owner.path("delegated_to").asString(null)).isEqualTo(row.ownerDelegatedTo());
        });
    }

    @Test
    void theRunSummaryWaiversAndChangesAreAsTheOverviewSays() {
        ReportSamples.Sample sample = ReportSamples.incomplete(60);
        ReportOverview overview = sample.overview();
        JsonNode report = write(sample);

        JsonNode run = report.get("run");
        assertThat(run.get("id").asLong()).isEqualTo(7);
        assertThat(run.get("tenant").asString()).isEqualTo(ReportSamples.HOSTILE_TENANT);
        assertThat(run.get("status").asString()).isEqualTo("INCOMPLETE");
        assertThat(run.get("asset_types").valueStream().map(JsonNode::asString).toList()).isEqualTo(overview.run().scope().assetTypes());
        assertThat(run.get("owner_ids").isArray()).isTrue();
        assertThat(run.get("owner_ids")).hasSize(overview.run().scope().ownerIds().size());
        assertThat(run.get("previous_run_id").asLong()).isEqualTo(6);
        assertThat(run.get("types")).hasSize(overview.types().size());
        JsonNode unanswered = run.get("types").get(overview.types().size() - 1);
        assertThat(unanswered.get("api_total").isNull()).as("a listing that never answered").isTrue();
        assertThat(unanswered.get("complete").isNull()).isTrue();

        JsonNode summary = report.get("summary");
        assertThat(summary.get("findings").asLong()).isEqualTo(60);
        overview.bySeverity().forEach((severity, counts) -> {
            JsonNode json = summary.get("by_severity").get(severity.name());
            assertThat(List.of(json.get("new").asLong(), json.get("open").asLong(), json.get("excepted").asLong(),
                    json.get("resolved").asLong())).isEqualTo(List.of(counts.fresh(), counts.open(), counts.excepted(), counts.resolved()));
        });
        assertThat(summary.get("by_policy")).hasSize(overview.byPolicy().size());
        JsonNode owners = run.get("owners");
        assertThat(owners.get("enriched").asBoolean()).isTrue();
        assertThat(owners.get("members").asLong()).isEqualTo(812);
        assertThat(owners.get("complete").asBoolean()).isTrue();
        assertThat(owners.get("unmatched_owners").asLong()).isEqualTo(2);
        assertThat(owners.get("unmatched_shares").asLong()).isEqualTo(5);
        assertThat(owners.get("unmatched_sample").valueStream().map(JsonNode::asString))
                .containsExactly(ReportSamples.HOSTILE_OWNER, "u-404");
        JsonNode top = summary.get("top_owners");
        assertThat(top).hasSize(3);
        assertThat(top.get(0).get("email").asString()).isEqualTo(ReportSamples.HOSTILE_EMAIL);
        assertThat(top.get(1).get("status").asString()).isEqualTo("INACTIVE");
        assertThat(top.get(1).get("open").asLong()).isEqualTo(4);
        assertThat(top.get(1).get("high").asLong()).isEqualTo(4);
        assertThat(top.get(2).get("owner_id").asString()).isEqualTo(ReportSamples.HOSTILE_OWNER);
        assertThat(top.get(2).get("email").isNull()).isTrue();
        long active = overview.waivers().stream().filter(ReportOverview.ReportedWaiver::active).count();
        assertThat(summary.get("waivers").get("active").asLong()).isEqualTo(active);
        assertThat(summary.get("waivers").get("expired").asLong()).isEqualTo(overview.waivers().size() - active);
        assertThat(summary.get("waivers").get("unused").asLong())
                .isEqualTo(overview.waivers().stream().filter(w -> w.active() && w.matched() == 0).count()).isPositive();
        assertThat(report.get("waivers")).hasSize(overview.waivers().size());

        JsonNode changes = report.get("changes");
        assertThat(changes.get("new").asLong()).isEqualTo(sample.changes().newCount());
        assertThat(changes.get("resolved").asLong()).isEqualTo(sample.changes().resolvedCount());
        assertThat(changes.get("widened").asLong()).isEqualTo(sample.changes().widenedCount());
        assertThat(changes.get("widened_shares")).hasSize(sample.changes().widened().size());
    }

    @Test
    void theRemediationAndEachOfItsActionsAreAsTheModelSays() {
        ReportSamples.Sample sample = ReportSamples.hostile(10);
        RemediationOverview model = sample.remediation();
        JsonNode report = write(sample);

        assertThat(names(report)).containsExactly("schema_version", "generated_at", "run", "summary", "waivers", "policies",
                "changes", "remediation", "remediations", "findings", "owners");
        JsonNode remediation = report.get("remediation");
        assertThat(names(remediation)).containsExactly("mode", "approved_plan", "reverted_run", "held_back", "detail", "counts");
        assertThat(remediation.get("mode").asString()).isEqualTo("APPLY");
        assertThat(remediation.get("approved_plan").isNull()).isTrue();
        assertThat(remediation.get("reverted_run").isNull()).isTrue();
        assertThat(remediation.get("held_back").asString()).isEqualTo("PERMISSION_DENIED");
        assertThat(remediation.get("detail").asString()).isEqualTo(ReportSamples.HOSTILE_DETAIL);
        JsonNode counts = remediation.get("counts");
        assertThat(names(counts)).containsExactly("planned", "in_flight", "applied", "failed", "skipped", "skipped_by_reason");
        model.byStatus().forEach((status, n) -> assertThat(counts.get(status.name().toLowerCase()).asLong()).isEqualTo(n));
        model.skipped().forEach((reason, n) -> assertThat(counts.get("skipped_by_reason").get(reason.name()).asLong()).isEqualTo(n));

        JsonNode actions = report.get("remediations");
        assertThat(actions).hasSize(model.listed().size());
        for (int i = 0; i < actions.size(); i++) {
            ReportedAction action = model.listed().get(i);
            JsonNode json = actions.get(i);
            assertThat(names(json)).isSubsetOf(RemediationRowsTests.ACTION_FIELDS).doesNotContain("reason");
            assertThat(json.get("share_uid").asString()).isEqualTo(action.shareUid());
            assertThat(json.get("asset_name").asString()).isEqualTo(action.assetName());
            assertThat(json.get("owner_id").asString()).isEqualTo(action.ownerId());
            assertThat(json.get("status").asString()).isEqualTo(action.status().name());
            assertThat(json.get("note").asString()).isEqualTo(action.note()).startsWith(ReportSamples.HOSTILE_NOTE_PREFIX);
            assertThat(json.path("error").asString(null)).isEqualTo(action.error());
            assertThat(json.path("request_id").asString(null)).isEqualTo(action.requestId());
            assertThat(Instant.parse(json.get("updated_at").asString())).isEqualTo(action.updatedAt());
        }
        assertThat(actions.valueStream().filter(a -> a.has("error")).map(a -> a.get("error").asString()))
                .isNotEmpty().containsOnly(ReportSamples.HOSTILE_ERROR);
    }

    @Test
    void aSkippedActionIsCountedByItsReasonNotListed() {
        ReportSamples.Sample sample = ReportSamples.hostile(10);
        ReportedAction sent = sample.remediation().listed().get(0);
        ReportedAction skipped = new ReportedAction("uid-skipped", "FILE_SHARE", "skipped.pdf", "owner-1", "public-file-share",
                "PUBLIC", "TEAM_ONLY", "note", ActionStatus.SKIPPED, SkipReason.GRACE_PERIOD, null, null,
                Instant.parse("2026-05-04T06:00:00Z"), null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonReport json = new JsonReport(out)) {
            json.begin(sample.overview(), List.of(), Instant.parse("2026-05-04T07:00:00Z"));
            json.remediation(0, sample.remediation());
            json.action(skipped);
            json.action(sent);
            json.action(skipped);
            json.beginFindings();
            json.end();
        }
        JsonNode report = JsonMapper.builder().build().readTree(out.toByteArray());

        assertThat(report.get("remediations").findValuesAsString("share_uid")).containsExactly(sent.shareUid());
        assertThat(report.get("remediation").get("counts").get("skipped_by_reason").get("GRACE_PERIOD").asLong())
                .isEqualTo(sample.remediation().skipped().get(SkipReason.GRACE_PERIOD));
    }

    @Test
    void aRunWithoutRemediationReadsAsOffWithNoAction() {
        ReportSamples.Sample sample = ReportSamples.remediationOff(5);
        JsonNode report = write(sample);

        assertThat(report.get("remediation").get("mode").asString()).isEqualTo("OFF");
        assertThat(report.get("remediation").get("held_back").isNull()).isTrue();
        assertThat(report.get("remediation").get("counts").get("planned").asLong()).isZero();
        assertThat(report.get("remediations")).isEmpty();
        assertThat(report.get("findings")).hasSize(5);
    }

    static JsonNode write(ReportSamples.Sample sample) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonReport json = new JsonReport(out)) {
            json.begin(sample.overview(), ReportSamples.policies(), Instant.parse("2026-05-04T07:00:00Z"));
            sample.changes().widened().forEach(json::widened);
            json.remediation(sample.changes().widenedCount(), sample.remediation());
            sample.remediation().listed().forEach(json::action);
            json.beginFindings();
            sample.rows().forEach(json::finding);
            json.end();
        }
        return JsonMapper.builder().build().readTree(out.toByteArray());
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    private static String textOrNull(JsonNode node) {
        return node.isNull() ? null : node.asString();
    }
}
