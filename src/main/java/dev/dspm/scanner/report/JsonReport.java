package dev.dspm.scanner.report;

import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

import dev.dspm.scanner.policy.Severity;
import dev.dspm.scanner.report.ReportOverview.PolicyCount;
import dev.dspm.scanner.report.ReportOverview.ReportedWaiver;
import dev.dspm.scanner.report.ReportOverview.StatusCounts;
import dev.dspm.scanner.report.ReportOverview.TypeCount;

/**
 * {@code report.json}, streamed: the overview first, then each widened share, each remediation action and each
 * finding as it is read, so a million findings cost no more memory than ten. Names are snake_case and stable (a
 * consumer's contract, versioned by {@code schema_version}); times are ISO-8601 UTC; an absent value is null, never
 * omitted.
 */
final class JsonReport implements AutoCloseable {

    /** Raised when a field is renamed or removed; adding one does not. */
    static final int SCHEMA_VERSION = 1;

    private static final JsonFactory JSON = new JsonFactory();

    private final JsonGenerator json;

    JsonReport(OutputStream out) {
        this.json = JSON.createGenerator(ObjectWriteContext.empty(), out);
    }

    /** Everything before the widened shares: run, summary, waivers, and the counts of what changed. */
    void begin(ReportOverview overview, long widened, Instant generatedAt) {
        json.writeStartObject();
        json.writeNumberProperty("schema_version", SCHEMA_VERSION);
        json.writeStringProperty("generated_at", generatedAt.toString());
        run(overview.run(), overview.types());
        summary(overview);
        json.writeArrayPropertyStart("waivers");
        overview.waivers().forEach(this::waiver);
        json.writeEndArray();
        json.writeObjectPropertyStart("changes");
        json.writeNumberProperty("new", overview.fresh());
        json.writeNumberProperty("resolved", overview.resolved());
        json.writeNumberProperty("widened", widened);
        json.writeArrayPropertyStart("widened_shares");
    }

    void widened(Changes.WidenedShare share) {
        json.writeStartObject();
        json.writeStringProperty("share_uid", share.shareUid());
        json.writeStringProperty("asset_type", share.assetType());
        json.writeStringProperty("asset_name", share.assetName());
        json.writeStringProperty("owner_id", share.ownerId());
        json.writeStringProperty("from_permission", share.before());
        json.writeStringProperty("to_permission", share.after());
        json.writeEndObject();
    }

    /** Ends the changes; the run's remediation follows, then each of its actions. */
    void remediation(RemediationOverview remediation) {
        json.writeEndArray();
        json.writeEndObject();
        json.writeObjectPropertyStart("remediation");
        json.writeStringProperty("mode", remediation.mode().name());
        number("approved_plan", remediation.approvedPlan());
        json.writeStringProperty("held_back", remediation.heldBack() == null ? null : remediation.heldBack().name());
        json.writeStringProperty("detail", remediation.detail());
        json.writeObjectPropertyStart("counts");
        remediation.byStatus().forEach((status, count) -> json.writeNumberProperty(status.name().toLowerCase(Locale.ROOT), count));
        json.writeObjectPropertyStart("skipped_by_reason");
        remediation.skipped().forEach((reason, count) -> json.writeNumberProperty(reason.name(), count));
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndObject();
        json.writeArrayPropertyStart("remediations");
    }

    void action(ReportedAction action) {
        json.writeStartObject();
        json.writeStringProperty("share_uid", action.shareUid());
        json.writeStringProperty("asset_type", action.assetType());
        json.writeStringProperty("asset_name", action.assetName());
        json.writeStringProperty("owner_id", action.ownerId());
        json.writeStringProperty("policy_id", action.policyId());
        json.writeStringProperty("from_scope", action.fromScope());
        json.writeStringProperty("to_scope", action.toScope());
        json.writeStringProperty("status", action.status().name());
        json.writeStringProperty("reason", action.reason() == null ? null : action.reason().name());
        json.writeStringProperty("request_id", action.requestId());
        json.writeStringProperty("updated_at", time(action.updatedAt()));
        json.writeStringProperty("note", action.note());
        json.writeStringProperty("error", action.error());
        json.writeEndObject();
    }

    /** Ends the remediation actions; the findings follow. */
    void beginFindings() {
        json.writeEndArray();
        json.writeArrayPropertyStart("findings");
    }

    void finding(ReportedFinding finding) {
        json.writeStartObject();
        json.writeStringProperty("share_uid", finding.shareUid());
        json.writeStringProperty("asset_type", finding.assetType());
        json.writeStringProperty("asset_name", finding.assetName());
        json.writeStringProperty("owner_id", finding.ownerId());
        json.writeStringProperty("permission", finding.permission());
        json.writeStringProperty("permission_raw", finding.permissionRaw());
        json.writeStringProperty("max_permission", finding.maxPermission());
        json.writeStringProperty("max_permission_raw", finding.maxPermissionRaw());
        bool("asset_exists", finding.assetExists());
        json.writeStringProperty("policy_id", finding.policyId());
        json.writeStringProperty("severity", finding.severity().name());
        json.writeStringProperty("title", finding.title());
        json.writeStringProperty("recommended_scope", finding.recommendedScope());
        json.writeStringProperty("status", finding.status().name());
        json.writeStringProperty("first_seen", time(finding.firstSeen()));
        json.writeNumberProperty("first_seen_run", finding.firstSeenRun());
        json.writeStringProperty("last_seen", time(finding.lastSeen()));
        json.writeStringProperty("waiver", finding.waiverKey());
        bool("waiver_active", finding.waiverActive());
        json.writeStringProperty("resolution", finding.resolution());
        json.writeEndObject();
    }

    /** Ends the document; {@link #close()} then flushes it. */
    void end() {
        json.writeEndArray();
        json.writeEndObject();
    }

    @Override
    public void close() {
        json.close();
    }

    private void run(ReportOverview.RunFacts run, List<TypeCount> types) {
        json.writeObjectPropertyStart("run");
        json.writeNumberProperty("id", run.id());
        json.writeStringProperty("tenant", run.tenant());
        json.writeStringProperty("started_at", time(run.startedAt()));
        json.writeStringProperty("listed_before", time(run.endTime()));
        json.writeStringProperty("judged_at", time(run.judgedAt()));
        json.writeStringProperty("status", run.complete() ? "COMPLETE" : "INCOMPLETE");
        json.writeStringProperty("read_key_type", run.readKeyType());
        strings("asset_types", run.assetTypes());
        strings("owner_ids", run.ownerIds());
        json.writeBooleanProperty("filtered", run.filtered());
        number("previous_run_id", run.previousRun().orElse(null));
        json.writeArrayPropertyStart("types");
        for (TypeCount type : types) {
            json.writeStartObject();
            json.writeStringProperty("asset_type", type.assetType());
            json.writeNumberProperty("stored", type.stored());
            if (type.apiTotal() == null) {
                json.writeNullProperty("api_total");
            } else {
                json.writeNumberProperty("api_total", type.apiTotal());
            }
            bool("complete", type.complete());
            json.writeEndObject();
        }
        json.writeEndArray();
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

    private void number(String name, Long value) {
        if (value == null) {
            json.writeNullProperty(name);
        } else {
            json.writeNumberProperty(name, value);
        }
    }

    private void bool(String name, Boolean value) {
        if (value == null) {
            json.writeNullProperty(name);
        } else {
            json.writeBooleanProperty(name, value);
        }
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
