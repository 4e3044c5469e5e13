package dev.dspm.scanner.report;

import java.util.List;
import java.util.Map;

import tools.jackson.core.JsonGenerator;

import dev.dspm.scanner.findings.FailedRule;
import dev.dspm.scanner.policy.Severity;
import dev.dspm.scanner.report.ReportOverview.PolicyCount;
import dev.dspm.scanner.report.ReportOverview.ReportedWaiver;
import dev.dspm.scanner.report.ReportOverview.StatusCounts;
import dev.dspm.scanner.snapshot.TypeTotal;

/** The head of report.json: {@code run}, {@code summary}, {@code waivers} and {@code policies}. */
final class JsonOverview {

    private final JsonReport fields;
    private final JsonGenerator json;

    JsonOverview(JsonReport fields, JsonGenerator json) {
        this.fields = fields;
        this.json = json;
    }

    void write(ReportOverview overview, List<ReportedPolicy> policies) {
        run(overview.run(), overview.types(), overview.owners(), overview.failedRules());
        summary(overview);
        json.writeArrayPropertyStart("waivers");
        overview.waivers().forEach(this::waiver);
        json.writeEndArray();
        json.writeArrayPropertyStart("policies");
        policies.forEach(this::policy);
        json.writeEndArray();
    }

    /** One of the policies the run was judged by: what each of its findings would otherwise repeat. */
    private void policy(ReportedPolicy policy) {
        json.writeStartObject();
        json.writeStringProperty("policy_id", policy.id());
        json.writeStringProperty("title", policy.title());
        json.writeStringProperty("severity", policy.severity().name());
        json.writeStringProperty("recommended_scope", policy.recommendedScope());
        json.writeBooleanProperty("auto_remediate", policy.autoRemediate());
        json.writeStringProperty("rationale", policy.rationale());
        json.writeBooleanProperty("in_pack", policy.inPack());
        json.writeEndObject();
    }

    private void run(ReportOverview.RunFacts run, List<TypeTotal> types, OwnerOverview owners, List<FailedRule> failed) {
        json.writeObjectPropertyStart("run");
        json.writeNumberProperty("id", run.id());
        json.writeStringProperty("tenant", run.tenant());
        json.writeStringProperty("started_at", fields.time(run.startedAt()));
        json.writeStringProperty("listed_before", fields.time(run.endTime()));
        json.writeStringProperty("judged_at", fields.time(run.judgedAt()));
        json.writeStringProperty("status", run.complete() ? "COMPLETE" : "INCOMPLETE");
        json.writeStringProperty("read_key_type", run.readKeyType());
        strings("asset_types", run.scope().assetTypes());
        strings("owner_ids", run.scope().ownerIds());
        json.writeStringProperty("keyword", run.scope().keyword());
        json.writeStringProperty("shared_after", fields.time(run.scope().sharedAfter()));
        json.writeStringProperty("shared_before", fields.time(run.scope().sharedBefore()));
        json.writeBooleanProperty("filtered", run.scope().filtered());
        fields.number("previous_run_id", run.previousRun().orElse(null));
        json.writeArrayPropertyStart("types");
        for (TypeTotal type : types) {
            json.writeStartObject();
            json.writeStringProperty("asset_type", type.assetType());
            json.writeNumberProperty("stored", type.stored());
            if (type.apiTotal() == null) {
                json.writeNullProperty("api_total");
            } else {
                json.writeNumberProperty("api_total", type.apiTotal());
            }
            fields.bool("complete", type.complete());
            json.writeEndObject();
        }
        json.writeEndArray();
        owners(owners);
        failedRules(failed);
        json.writeEndObject();
    }

    /** {@code rule_failures}: each rule that failed on some shares, which were therefore not judged tonight. */
    private void failedRules(List<FailedRule> failed) {
        json.writeArrayPropertyStart("rule_failures");
        for (FailedRule rule : failed) {
            json.writeStartObject();
            json.writeStringProperty("rule", rule.rule());
            json.writeStringProperty("policy_id", rule.policyId());
            json.writeStringProperty("policy_file", rule.file());
            fields.number("line", rule.line() == null ? null : rule.line().longValue());
            json.writeNumberProperty("shares", rule.shares());
            json.writeStringProperty("first_share_uid", rule.firstShareUid());
            json.writeStringProperty("message", rule.message());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** Whether the run enriched its owners, and how well; only {@code enriched: false} without the user key. */
    private void owners(OwnerOverview owners) {
        json.writeObjectPropertyStart("owners");
        json.writeBooleanProperty("enriched", owners.enriched());
        if (owners.enriched()) {
            json.writeNumberProperty("members", owners.members());
            json.writeNumberProperty("api_total", owners.apiTotal());
            json.writeBooleanProperty("complete", owners.complete());
            json.writeNumberProperty("unmatched_owners", owners.unmatchedOwners());
            json.writeNumberProperty("unmatched_shares", owners.unmatchedShares());
            strings("unmatched_sample", owners.unmatchedSample());
        }
        json.writeEndObject();
    }

    private void summary(ReportOverview overview) {
        json.writeObjectPropertyStart("summary");
        json.writeNumberProperty("findings", overview.findings());
        json.writeNumberProperty("new", overview.fresh());
        json.writeNumberProperty("resolved", overview.resolved());
        json.writeObjectPropertyStart("by_severity");
        for (Map.Entry<Severity, StatusCounts> entry : overview.bySeverity().entrySet()) {
            json.writeName(entry.getKey().name());
            counts(entry.getValue());
        }
        json.writeEndObject();
        json.writeArrayPropertyStart("by_policy");
        for (PolicyCount policy : overview.byPolicy()) {
            json.writeStartObject();
            json.writeStringProperty("policy_id", policy.policyId());
            json.writeStringProperty("title", policy.title());
            json.writeStringProperty("severity", policy.severity().name());
            json.writeName("counts");
            counts(policy.counts());
            json.writeEndObject();
        }
        json.writeEndArray();
        long active = overview.waivers().stream().filter(ReportedWaiver::active).count();
        json.writeObjectPropertyStart("waivers");
        json.writeNumberProperty("active", active);
        json.writeNumberProperty("expired", overview.waivers().size() - active);
        json.writeNumberProperty("unused", overview.waivers().stream().filter(w -> w.active() && w.matched() == 0).count());
        json.writeEndObject();
        json.writeArrayPropertyStart("top_owners");
        for (OwnerOverview.TopOwner owner : overview.owners().top()) {
            json.writeStartObject();
            json.writeStringProperty("owner_id", owner.ownerId());
            json.writeStringProperty("email", owner.email());
            json.writeStringProperty("status", owner.status());
            json.writeNumberProperty("open", owner.open());
            json.writeNumberProperty("critical", owner.critical());
            json.writeNumberProperty("high", owner.high());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private void counts(StatusCounts counts) {
        json.writeStartObject();
        json.writeNumberProperty("new", counts.fresh());
        json.writeNumberProperty("open", counts.open());
        json.writeNumberProperty("excepted", counts.excepted());
        json.writeNumberProperty("resolved", counts.resolved());
        json.writeEndObject();
    }

    private void waiver(ReportedWaiver waiver) {
        json.writeStartObject();
        json.writeStringProperty("key", waiver.key());
        json.writeStringProperty("policy_id", waiver.policyId());
        json.writeStringProperty("match", waiver.matchKind());
        json.writeStringProperty("value", waiver.matchValue());
        json.writeStringProperty("justification", waiver.justification());
        json.writeStringProperty("approved_by", waiver.approvedBy());
        json.writeStringProperty("expires", waiver.expires().toString());
        json.writeBooleanProperty("active", waiver.active());
        json.writeNumberProperty("matched", waiver.matched());
        json.writeEndObject();
    }

    private void strings(String name, List<String> values) {
        json.writeArrayPropertyStart(name);
        values.forEach(json::writeString);
        json.writeEndArray();
    }
}
