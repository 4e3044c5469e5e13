package dev.dspm.scanner.report;

import java.io.OutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

import dev.dspm.scanner.findings.FindingStatus;
import dev.dspm.scanner.policy.Severity;
import dev.dspm.scanner.report.ReportOverview.ReportedWaiver;

/**
 * {@code report.sarif}, streamed: one SARIF 2.1.0 run whose tool's rules are the policies the run was judged by, and
 * one result per finding with the share as its logical location. What changed since the run before is each result's
 * {@code baselineState} ({@code new}, {@code unchanged}; a resolved finding is {@code absent}, of kind {@code pass});
 * a waived finding carries an {@code external} suppression with the waiver's justification. A result's
 * {@code partialFingerprints} are the same for the same tenant, share and policy every night, so a code-scanning tool
 * tracks one alert across runs.
 */
final class SarifReport {

    static final String VERSION = "2.1.0";
    static final String SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    /** The key of each result's fingerprint: versioned, as SARIF asks, should the way it is computed ever change. */
    static final String FINGERPRINT = "dspmFinding/v1";

    private static final JsonFactory JSON = new JsonFactory();

    private final JsonGenerator json;
    private final ReportInput input;
    private final String version;
    private final String tenant;
    private final long runId;
    private final Map<String, Integer> ruleIndex = new HashMap<>();
    private final Map<String, ReportedWaiver> waivers = new HashMap<>();
    private final IsoTimes times = new IsoTimes();
    /** One digest for every finding of the file (see {@link FindingUid}): the writer runs on one thread. */
    private final MessageDigest sha256 = FindingUid.sha256();

    SarifReport(OutputStream out, ReportInput input, String version) {
        this.json = new EncodedNames(JSON.createGenerator(ObjectWriteContext.empty(), out));
        this.input = input;
        this.version = version;
        this.tenant = input.overview().run().tenant();
        this.runId = input.overview().run().id();
        List<ReportedPolicy> policies = input.policies();
        for (int i = 0; i < policies.size(); i++) {
            ruleIndex.put(policies.get(i).id(), i);
        }
        input.overview().waivers().forEach(waiver -> waivers.put(waiver.key(), waiver));
    }

    /** SARIF's levels: what must be fixed is an error, what should be a warning, the rest a note. */
    static String level(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW -> "note";
        };
    }

    /** The score code-scanning tools band severities by (GitHub: 9.0 and up critical, 7.0 high, 4.0 medium). */
    static String securitySeverity(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "3.0";
        };
    }

    /** Everything before the results: the tool and its rules, the invocation, the run's own properties. */
    void begin() {
        ReportOverview.RunFacts run = input.overview().run();
        json.writeStartObject();
        json.writeStringProperty("$schema", SCHEMA);
        json.writeStringProperty("version", VERSION);
        json.writeArrayPropertyStart("runs");
        json.writeStartObject();
        json.writeObjectPropertyStart("tool");
        json.writeObjectPropertyStart("driver");
        json.writeStringProperty("name", OcsfEvent.PRODUCT);
        json.writeStringProperty("version", version);
        json.writeArrayPropertyStart("rules");
        input.policies().forEach(this::rule);
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();
        json.writeObjectPropertyStart("automationDetails");
        json.writeStringProperty("id", OcsfEvent.PRODUCT + "/" + runId);
        json.writeEndObject();
        json.writeArrayPropertyStart("invocations");
        json.writeStartObject();
        json.writeBooleanProperty("executionSuccessful", true);
        time("startTimeUtc", run.startedAt());
        time("endTimeUtc", run.judgedAt());
        json.writeEndObject();
        json.writeEndArray();
        json.writeObjectPropertyStart("properties");
        json.writeStringProperty("tenant", tenant);
        json.writeNumberProperty("run_id", runId);
        json.writeStringProperty("status", run.complete() ? "COMPLETE" : "INCOMPLETE");
        run.previousRun().ifPresent(previous -> json.writeNumberProperty("previous_run_id", previous));
        json.writeEndObject();
        json.writeArrayPropertyStart("results");
    }

    private void rule(ReportedPolicy policy) {
        json.writeStartObject();
        json.writeStringProperty("id", policy.id());
        json.writeObjectPropertyStart("shortDescription");
        json.writeStringProperty("text", policy.title());
        json.writeEndObject();
        json.writeObjectPropertyStart("fullDescription");
        json.writeStringProperty("text", policy.rationale());
        json.writeEndObject();
        json.writeObjectPropertyStart("help");
        json.writeStringProperty("text", policy.recommendedScope() == null ? policy.rationale()
                : policy.rationale() + "\nRecommended scope: " + policy.recommendedScope());
        json.writeEndObject();
        json.writeObjectPropertyStart("defaultConfiguration");
        json.writeStringProperty("level", level(policy.severity()));
        json.writeEndObject();
        json.writeObjectPropertyStart("properties");
        json.writeStringProperty("severity", policy.severity().name());
        json.writeStringProperty("security-severity", securitySeverity(policy.severity()));
        json.writeStringProperty("recommended_scope", policy.recommendedScope());
        json.writeBooleanProperty("auto_remediate", policy.autoRemediate());
        json.writeBooleanProperty("in_pack", policy.inPack());
        json.writeArrayPropertyStart("tags");
        json.writeString("security");
        json.writeString("data-exposure");
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();
    }

    void result(ReportedFinding finding) {
        boolean resolved = finding.status() == FindingStatus.RESOLVED;
        json.writeStartObject();
        json.writeStringProperty("ruleId", finding.policyId());
        Integer index = ruleIndex.get(finding.policyId());
        if (index != null) {
            json.writeNumberProperty("ruleIndex", index);
        }
        // a resolved finding is the rule passing on the share; SARIF then wants the level "none"
        json.writeStringProperty("kind", resolved ? "pass" : "fail");
        json.writeStringProperty("level", resolved ? "none" : level(finding.severity()));
        json.writeObjectPropertyStart("message");
        json.writeStringProperty("text", message(finding));
        json.writeEndObject();
        location(finding);
        json.writeObjectPropertyStart("partialFingerprints");
        json.writeStringProperty(FINGERPRINT, FindingUid.of(sha256, tenant, finding.shareUid(), finding.policyId()));
        json.writeEndObject();
        json.writeStringProperty("baselineState", baselineState(finding));
        if (finding.status() == FindingStatus.EXCEPTED) {
            suppression(finding);
        }
        properties(finding);
        json.writeEndObject();
    }

    String baselineState(ReportedFinding finding) {
        return switch (finding.status()) {
            case NEW -> "new";
            case OPEN -> "unchanged";
            // waived the night it was first seen, it is new all the same
            case EXCEPTED -> finding.firstSeenRun() == runId ? "new" : "unchanged";
            case RESOLVED -> "absent";
        };
    }

    private static String message(ReportedFinding finding) {
        String title = finding.title() == null ? finding.policyId() : finding.title();
        StringBuilder text = new StringBuilder(title).append(": ").append(finding.assetType()).append(' ')
                .append(finding.assetName() == null ? finding.shareUid() : finding.assetName());
        if (finding.permission() != null) {
            text.append(" is ").append(finding.permission());
        }
        if (finding.recommendedScope() != null) {
            text.append("; recommended ").append(finding.recommendedScope());
        }
        return text.append('.').toString();
    }

    /** The share as a logical location: SARIF's place for what is not a file. */
    private void location(ReportedFinding finding) {
        json.writeArrayPropertyStart("locations");
        json.writeStartObject();
        json.writeArrayPropertyStart("logicalLocations");
        json.writeStartObject();
        json.writeStringProperty("name", finding.assetName() == null ? finding.shareUid() : finding.assetName());
        json.writeStringProperty("fullyQualifiedName", finding.assetType() + "/" + finding.shareUid());
        json.writeStringProperty("kind", "resource");
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndArray();
    }

    private void suppression(ReportedFinding finding) {
        ReportedWaiver waiver = waivers.get(finding.waiverKey());
        json.writeArrayPropertyStart("suppressions");
        json.writeStartObject();
        json.writeStringProperty("kind", "external");
        json.writeStringProperty("status", "accepted");
        if (waiver != null) {
            json.writeStringProperty("justification", waiver.justification());
            json.writeObjectPropertyStart("properties");
            json.writeStringProperty("waiver", waiver.key());
            json.writeStringProperty("approved_by", waiver.approvedBy());
            json.writeStringProperty("expires", waiver.expires().toString());
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeEndArray();
    }

    /** The finding's own fields, named as in report.json, and as there left out when they have no value. */
    private void properties(ReportedFinding finding) {
        json.writeObjectPropertyStart("properties");
        json.writeStringProperty("share_uid", finding.shareUid());
        json.writeStringProperty("asset_type", finding.assetType());
        text("asset_name", finding.assetName());
        text("owner_id", finding.ownerId());
        text("owner_email", finding.ownerEmail());
        text("permission", finding.permission());
        text("recommended_scope", finding.recommendedScope());
        json.writeStringProperty("severity", finding.severity().name());
        json.writeStringProperty("status", finding.status().name());
        time("first_seen", finding.firstSeen());
        json.writeNumberProperty("first_seen_run", finding.firstSeenRun());
        time("last_seen", finding.lastSeen());
        text("resolution", finding.resolution());
        json.writeEndObject();
    }

    /** Ends the results, the run and the log, and flushes. */
    void end() {
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
        json.close();
    }

    private void text(String name, String value) {
        if (value != null) {
            json.writeStringProperty(name, value);
        }
    }

    private void time(String name, Instant instant) {
        text(name, times.of(instant));
    }
}
