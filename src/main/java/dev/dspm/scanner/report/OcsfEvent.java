package dev.dspm.scanner.report;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

import dev.dspm.scanner.findings.FindingStatus;
import dev.dspm.scanner.policy.Severity;
import dev.dspm.scanner.report.ReportOverview.ReportedWaiver;

/**
 * One finding as one OCSF event of the Findings category ({@value #OCSF_VERSION}): what changed since the run before in
 * {@code activity_id} and {@code status_id}, the policy's severity, a {@code finding_info.uid} stable across runs with
 * first and last seen, the share as the affected resource with its owner and its scope before and recommended, a
 * waiver in the status fields, and the remediation action planned or sent for the share. What OCSF has no attribute
 * for stays exact under {@code unmapped.dspm}. Every event of a run has the run's judging time, so that the events of
 * a run are the same bytes whenever they are written or sent again.
 */
final class OcsfEvent {

    /** The OCSF release the events follow, named in each event's {@code metadata.version}. */
    static final String OCSF_VERSION = "1.8.0";
    static final int CATEGORY_UID = 2;
    static final String PRODUCT = "dspm-scanner";
    private final OcsfClass eventClass;
    private final String tenant;
    private final long runId;
    private final long time;
    private final String version;
    /** Each policy's title and rationale, escaped once for the file: every event of the policy repeats them. */
    private final Map<String, PolicyText> policies = new HashMap<>();
    private final Map<String, ReportedWaiver> waivers = new HashMap<>();
    /** One digest for every finding of the file (see {@link FindingUid}): the writer runs on one thread. */
    private final MessageDigest sha256 = FindingUid.sha256();

    OcsfEvent(OcsfClass eventClass, ReportInput input, String version) {
        this.eventClass = eventClass;
        ReportOverview.RunFacts run = input.overview().run();
        this.tenant = run.tenant();
        this.runId = run.id();
        this.time = (run.judgedAt() == null ? run.startedAt() : run.judgedAt()).toEpochMilli();
        this.version = version;
        input.policies().forEach(policy -> policies.put(policy.id(), PolicyText.of(policy)));
        input.overview().waivers().forEach(waiver -> waivers.put(waiver.key(), waiver));
    }

    /** The time of every event of the run: when it was judged, Unix milliseconds. */
    long time() {
        return time;
    }

    /** Activity: a finding first seen is created, one seen again (waived or not) updated, one resolved closed. */
    static int activityId(FindingStatus status) {
        return switch (status) {
            case NEW -> 1;
            case OPEN, EXCEPTED -> 2;
            case RESOLVED -> 3;
        };
    }

    /** Status: New, In Progress (still open), Suppressed (waived), Resolved. */
    static int statusId(FindingStatus status) {
        return switch (status) {
            case NEW -> 1;
            case OPEN -> 2;
            case EXCEPTED -> 3;
            case RESOLVED -> 4;
        };
    }

    private static final String[] STATUSES = { "Unknown", "New", "In Progress", "Suppressed", "Resolved" };

    static int severityId(Severity severity) {
        return switch (severity) {
            case LOW -> 2;
            case MEDIUM -> 3;
            case HIGH -> 4;
            case CRITICAL -> 5;
        };
    }

    void write(JsonGenerator json, ReportedFinding finding) {
        int activity = activityId(finding.status());
        int status = statusId(finding.status());
        int severity = severityId(finding.severity());
        PolicyText policy = policies.get(finding.policyId());
        ReportedWaiver waiver = finding.waiverKey() == null ? null : waivers.get(finding.waiverKey());
        String findingUid = FindingUid.of(sha256, tenant, finding.shareUid(), finding.policyId());
        json.writeStartObject();
        // The ids only: their captions (activity_name, class_name, severity, ...) are optional, the same for every
        // event of an id, and half an event's bytes; a consumer reads them from the schema. The status's is kept: it
        // is recommended.
        json.writeNumberProperty("activity_id", activity);
        json.writeNumberProperty("category_uid", CATEGORY_UID);
        json.writeNumberProperty("class_uid", eventClass.uid());
        json.writeNumberProperty("type_uid", eventClass.uid() * 100L + activity);
        json.writeNumberProperty("severity_id", severity);
        json.writeNumberProperty("status_id", status);
        json.writeStringProperty("status", STATUSES[status]);
        statusDetail(json, finding, waiver);
        json.writeNumberProperty("time", time);
        json.writeBooleanProperty("is_alert", finding.status() == FindingStatus.NEW || finding.status() == FindingStatus.OPEN);
        json.writeStringProperty("message", message(finding));
        metadata(json, findingUid);
        findingInfo(json, finding, findingUid, policy);
        // checked once for the two places that name the address
        boolean typedEmail = email(finding);
        resource(json, finding, typedEmail);
        if (eventClass == OcsfClass.DATA_SECURITY_FINDING) {
            json.writeObjectPropertyStart("data_security");
            json.writeObjectPropertyStart("policy");
            json.writeStringProperty("uid", finding.policyId());
            json.writeEndObject();
            json.writeEndObject();
        } else if (finding.recommendedScope() != null || finding.remediation() != null) {
            json.writeObjectPropertyStart("remediation");
            json.writeStringProperty("desc", remediationText(finding));
            json.writeEndObject();
        }
        unmapped(json, finding, waiver, typedEmail);
        json.writeEndObject();
    }

    /** A waiver's terms in the status fields (the justification is the approver's comment), or why it was resolved. */
    private static void statusDetail(JsonGenerator json, ReportedFinding finding, ReportedWaiver waiver) {
        if (finding.status() == FindingStatus.EXCEPTED && waiver != null) {
            json.writeStringProperty("status_detail", "waived by " + waiver.approvedBy() + " until " + waiver.expires()
                    + " (waiver " + waiver.key() + ")");
            json.writeStringProperty("comment", waiver.justification());
        } else if (finding.status() == FindingStatus.RESOLVED && finding.resolution() != null) {
            json.writeStringProperty("status_detail", finding.resolution());
        } else if (waiver != null && !waiver.active()) {
            json.writeStringProperty("status_detail", "the waiver " + waiver.key() + " expired after " + waiver.expires());
        }
    }

    private static String message(ReportedFinding finding) {
        String title = finding.title() == null ? finding.policyId() : finding.title();
        return finding.assetName() == null ? title : title + ": " + finding.assetName();
    }

    private void metadata(JsonGenerator json, String findingUid) {
        json.writeObjectPropertyStart("metadata");
        json.writeStringProperty("version", OCSF_VERSION);
        // one event per finding and run: a collector that sees an event twice (a batch sent again) can drop it by this
        json.writeStringProperty("uid", findingUid + "." + runId);
        json.writeStringProperty("tenant_uid", tenant);
        json.writeObjectPropertyStart("product");
        json.writeStringProperty("name", PRODUCT);
        json.writeStringProperty("vendor_name", PRODUCT);
        json.writeStringProperty("version", version);
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void findingInfo(JsonGenerator json, ReportedFinding finding, String findingUid, PolicyText policy) {
        json.writeObjectPropertyStart("finding_info");
        json.writeStringProperty("uid", findingUid);
        json.writeName("title");
        // the finding's title is its policy's, read from the same run_policy row
        if (policy != null && policy.title() != null) {
            json.writeString(policy.title());
        } else {
            json.writeString(finding.title() == null ? finding.policyId() : finding.title());
        }
        if (policy != null && policy.desc() != null) {
            json.writeName("desc");
            json.writeString(policy.desc());
        }
        millis(json, "first_seen_time", finding.firstSeen());
        millis(json, "last_seen_time", finding.lastSeen());
        json.writeArrayPropertyStart("types");
        json.writeString("Data Exposure");
        json.writeEndArray();
        json.writeObjectPropertyStart("analytic");
        json.writeStringProperty("uid", finding.policyId());
        json.writeNumberProperty("type_id", 1);
        json.writeEndObject();
        json.writeEndObject();
    }

    /** The share: the subject of the finding, with its owner and its scope now and the one recommended. */
    private static void resource(JsonGenerator json, ReportedFinding finding, boolean typedEmail) {
        json.writeArrayPropertyStart("resources");
        json.writeStartObject();
        json.writeStringProperty("uid", finding.shareUid());
        text(json, "type", finding.assetType());
        text(json, "name", finding.assetName());
        json.writeNumberProperty("role_id", 1);
        if (finding.ownerId() != null) {
            json.writeObjectPropertyStart("owner");
            json.writeStringProperty("uid", finding.ownerId());
            if (typedEmail) {
                json.writeStringProperty("email_addr", finding.ownerEmail());
            }
            json.writeEndObject();
        }
        json.writeObjectPropertyStart("data");
        // as in report.json: the raw spelling only of a scope this build does not know, else it merely spells the name
        scope(json, "scope", finding.permission(), finding.permissionRaw());
        scope(json, "max_scope", finding.maxPermission(), finding.maxPermissionRaw());
        text(json, "recommended_scope", finding.recommendedScope());
        if (finding.assetExists() != null) {
            json.writeBooleanProperty("asset_exists", finding.assetExists());
        }
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndArray();
    }

    /** Detection Finding's remediation: what the policy recommends, and what the run did or would do about it. */
    private static String remediationText(ReportedFinding finding) {
        StringBuilder text = new StringBuilder();
        if (finding.recommendedScope() != null) {
            text.append("Tighten the share to ").append(finding.recommendedScope()).append('.');
        }
        ReportedFinding.Remediation action = finding.remediation();
        if (action != null) {
            text.append(text.isEmpty() ? "" : " ").append("Remediation ").append(action.status().name()).append(": ")
                    .append(action.fromScope()).append(" -> ").append(action.toScope()).append('.');
        }
        return text.toString();
    }

    /** The run's own terms, exact: its status and run numbers, the waiver, the remediation action. */
    private void unmapped(JsonGenerator json, ReportedFinding finding, ReportedWaiver waiver, boolean typedEmail) {
        json.writeObjectPropertyStart("unmapped");
        json.writeObjectPropertyStart("dspm");
        json.writeNumberProperty("run_id", runId);
        json.writeStringProperty("status", finding.status().name());
        json.writeNumberProperty("first_seen_run", finding.firstSeenRun());
        json.writeStringProperty("policy_id", finding.policyId());
        text(json, "resolution", finding.resolution());
        if (finding.ownerEmail() != null && !typedEmail) {
            json.writeStringProperty("owner_email", finding.ownerEmail());
        }
        if (waiver != null) {
            json.writeObjectPropertyStart("waiver");
            json.writeStringProperty("key", waiver.key());
            json.writeStringProperty("justification", waiver.justification());
            json.writeStringProperty("approved_by", waiver.approvedBy());
            json.writeStringProperty("expires", waiver.expires().toString());
            json.writeBooleanProperty("active", waiver.active());
            json.writeEndObject();
        }
        ReportedFinding.Remediation action = finding.remediation();
        if (action != null) {
            json.writeObjectPropertyStart("remediation");
            json.writeStringProperty("status", action.status().name());
            text(json, "policy_id", action.policyId());
            text(json, "from_scope", action.fromScope());
            text(json, "to_scope", action.toScope());
            text(json, "request_id", action.requestId());
            if (action.updatedAt() != null) {
                json.writeStringProperty("updated_at", action.updatedAt().toString());
            }
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private record PolicyText(SerializableString title, SerializableString desc) {

        static PolicyText of(ReportedPolicy policy) {
            return new PolicyText(encoded(policy.title()), encoded(policy.rationale()));
        }

        private static SerializableString encoded(String text) {
            return text == null ? null : new SerializedString(text);
        }
    }

    private static boolean email(ReportedFinding finding) {
        return finding.ownerEmail() != null && OcsfEmail.matches(finding.ownerEmail());
    }

    private static void scope(JsonGenerator json, String name, String scope, String raw) {
        text(json, name, scope);
        if (scope == null || scope.equals("UNKNOWN")) {
            text(json, name + "_raw", raw);
        }
    }

    /** OCSF leaves an attribute out when it has no value: a null is no string, and its schema says string. */
    private static void text(JsonGenerator json, String name, String value) {
        if (value != null) {
            json.writeStringProperty(name, value);
        }
    }

    private static void millis(JsonGenerator json, String name, Instant instant) {
        if (instant != null) {
            json.writeNumberProperty(name, instant.toEpochMilli());
        }
    }
}
