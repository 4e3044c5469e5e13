package dev.dspm.scanner.report;

import java.io.OutputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

import dev.dspm.scanner.remediation.ActionStatus;

/**
 * {@code report.json}, streamed: the overview and the policies first, then each widened share, each remediation action
 * that was or would be sent (the SKIPPED ones are the overview's counts by reason: a plan for a big tenant is hundreds of
 * thousands of them, all in remediation.csv) and each finding as it is read, then the owners the findings name, so a
 * million findings cost no more memory than ten. Names are snake_case and stable (a consumer's contract, versioned by
 * {@code schema_version}); times are ISO-8601 UTC. A finding carries what is its own: what is the same for every finding
 * of a policy (title, recommended scope) is said once in {@code policies[]}, and what is the same for every finding of
 * an owner (email, status, delegate) once in {@code owners[]}. In {@code findings[]}, {@code remediations[]} and
 * {@code owners[]} a field without a value is left out, and a scope's raw spelling is there only when the scope is
 * UNKNOWN to this build (otherwise it merely spells the known one); elsewhere an absent value is null.
 */
final class JsonReport implements AutoCloseable {

    /** Raised when a field is renamed, moved or removed; adding one does not. */
    static final int SCHEMA_VERSION = 2;

    private static final JsonFactory JSON = new JsonFactory();

    private final JsonGenerator json;
    /** The owners the findings named that the run's members list knows, by id: at most the team's members. */
    private final Map<String, Owner> owners = new LinkedHashMap<>();
    private final IsoTimes times = new IsoTimes();

    JsonReport(OutputStream out) {
        this.json = new EncodedNames(JSON.createGenerator(ObjectWriteContext.empty(), out));
    }

    /** Everything before the widened shares: run, summary, waivers, policies, and the counts of new and resolved. */
    void begin(ReportOverview overview, List<ReportedPolicy> policies, Instant generatedAt) {
        json.writeStartObject();
        json.writeNumberProperty("schema_version", SCHEMA_VERSION);
        json.writeStringProperty("generated_at", generatedAt.toString());
        new JsonOverview(this, json).write(overview, policies);
        json.writeObjectPropertyStart("changes");
        json.writeNumberProperty("new", overview.fresh());
        json.writeNumberProperty("resolved", overview.resolved());
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

    /** Ends the changes with how many shares widened; the run's remediation follows, then each of its actions. */
    void remediation(long widened, RemediationOverview remediation) {
        json.writeEndArray();
        json.writeNumberProperty("widened", widened);
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

    /** An action that was or would be sent; a SKIPPED one is only counted (see {@link #remediation}). */
    void action(ReportedAction action) {
        if (action.status() == ActionStatus.SKIPPED) {
            return;
        }
        json.writeStartObject();
        json.writeStringProperty("share_uid", action.shareUid());
        text("asset_type", action.assetType());
        text("asset_name", action.assetName());
        text("owner_id", action.ownerId());
        text("policy_id", action.policyId());
        text("from_scope", action.fromScope());
        text("to_scope", action.toScope());
        json.writeStringProperty("status", action.status().name());
        text("request_id", action.requestId());
        text("updated_at", time(action.updatedAt()));
        text("note", action.note());
        text("error", action.error());
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
        text("asset_type", finding.assetType());
        text("asset_name", finding.assetName());
        text("owner_id", finding.ownerId());
        scope("permission", finding.permission(), finding.permissionRaw());
        scope("max_permission", finding.maxPermission(), finding.maxPermissionRaw());
        if (finding.assetExists() != null) {
            json.writeBooleanProperty("asset_exists", finding.assetExists());
        }
        json.writeStringProperty("policy_id", finding.policyId());
        json.writeStringProperty("severity", finding.severity().name());
        json.writeStringProperty("status", finding.status().name());
        text("first_seen", time(finding.firstSeen()));
        json.writeNumberProperty("first_seen_run", finding.firstSeenRun());
        text("last_seen", time(finding.lastSeen()));
        text("waiver", finding.waiverKey());
        if (finding.waiverActive() != null) {
            json.writeBooleanProperty("waiver_active", finding.waiverActive());
        }
        text("resolution", finding.resolution());
        json.writeEndObject();
        Owner owner = new Owner(finding.ownerEmail(), finding.ownerStatus(), finding.ownerDelegatedTo());
        if (finding.ownerId() != null && !owner.equals(Owner.UNKNOWN)) {
            owners.putIfAbsent(finding.ownerId(), owner);
        }
    }

    /** A scope, and its raw spelling only when this build does not know it: else the raw merely spells the name. */
    private void scope(String name, String scope, String raw) {
        text(name, scope);
        if (scope == null || scope.equals("UNKNOWN")) {
            text(name + "_raw", raw);
        }
    }

    /** Ends the findings, then the owners they named, and the document; {@link #close()} then flushes it. */
    void end() {
        json.writeEndArray();
        json.writeArrayPropertyStart("owners");
        owners.forEach((id, owner) -> {
            json.writeStartObject();
            json.writeStringProperty("owner_id", id);
            text("email", owner.email());
            text("status", owner.status());
            text("delegated_to", owner.delegatedTo());
            json.writeEndObject();
        });
        json.writeEndArray();
        json.writeEndObject();
    }

    /** An owner as the run's members list has it; all null for one it does not know, or without owner enrichment. */
    private record Owner(String email, String status, String delegatedTo) {
        static final Owner UNKNOWN = new Owner(null, null, null);
    }

    private void text(String name, String value) {
        if (value != null) {
            json.writeStringProperty(name, value);
        }
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

    /** An instant as ISO-8601 text, or null. */
    String time(Instant instant) {
        return times.of(instant);
    }
}
