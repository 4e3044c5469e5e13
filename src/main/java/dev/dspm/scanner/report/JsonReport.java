package dev.dspm.scanner.report;

import java.io.OutputStream;
import java.time.Instant;
import java.util.Locale;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

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
        new JsonOverview(this, json).write(overview);
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
        number("reverted_run", remediation.revertedRun());
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
        json.writeStringProperty("owner_email", finding.ownerEmail());
        json.writeStringProperty("owner_status", finding.ownerStatus());
        json.writeStringProperty("owner_delegated_to", finding.ownerDelegatedTo());
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

    void number(String name, Long value) {
        if (value == null) {
            json.writeNullProperty(name);
        } else {
            json.writeNumberProperty(name, value);
        }
    }

    void bool(String name, Boolean value) {
        if (value == null) {
            json.writeNullProperty(name);
        } else {
            json.writeBooleanProperty(name, value);
        }
    }

    static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
