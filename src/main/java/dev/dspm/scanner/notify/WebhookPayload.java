package dev.dspm.scanner.notify;

import java.time.Instant;
import java.util.Locale;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.dspm.scanner.policy.Severity;

/**
 * The generic webhook's body, in the Standard Webhooks shape ({@code type}, {@code timestamp}, {@code data}): the run's
 * summary and its new findings at or above {@code dspm.notify.min-severity}, worst first, at most {@link News#LISTED}
 * (report.json holds them all). Names are snake_case like report.json's, times ISO-8601 UTC, absent values null. Text
 * is as the API gave it: JSON escaping is the receiver's only concern.
 */
final class WebhookPayload {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WebhookPayload() {
    }

    /** {@code dspm.run.ended}, {@code dspm.run.failed} or {@code dspm.run.rejudged}. */
    static String type(News news) {
        return news.failed() ? "dspm.run.failed" : news.event().equals(News.ENDED) ? "dspm.run.ended" : "dspm.run.rejudged";
    }

    static String render(News news, Instant now) {
        ObjectNode message = JSON.createObjectNode().put("type", type(news)).put("timestamp", now.toString());
        ObjectNode data = message.putObject("data");
        data.put("tenant", news.tenant()).put("run_id", news.runId())
                .put("command", news.command().name().toLowerCase(Locale.ROOT))
                .put("outcome", news.outcome().name().toLowerCase(Locale.ROOT));
        if (news.complete() == null) {
            data.putNull("complete");
        } else {
            data.put("complete", news.complete());
        }
        ArrayNode incomplete = data.putArray("incomplete_asset_types");
        news.incompleteTypes().forEach(incomplete::add);
        ObjectNode fresh = data.putObject("new");
        for (Severity severity : Severity.values()) {
            fresh.put(severity.name(), news.fresh().getOrDefault(severity, 0L));
        }
        data.put("resolved", news.resolved());
        if (news.widened() == null) {
            data.putNull("widened");
        } else {
            data.put("widened", news.widened());
        }
        data.putObject("remediation")
                .put("mode", news.remediation().mode().name().toLowerCase(Locale.ROOT))
                .put("held_back", news.remediation().heldBack()).put("detail", news.remediation().detail())
                .put("applied", news.remediation().applied()).put("failed", news.remediation().failed());
        ArrayNode alerts = data.putArray("alerts");
        news.alerts().forEach(alerts::add);
        data.put("report_url", news.reportUrl() == null ? null : news.reportUrl().toString())
                .put("report_path", news.reportPath())
                .put("min_severity", news.minSeverity().name())
                .put("new_findings_total", news.newAtOrAbove())
                .put("new_findings_truncated", news.newAtOrAbove() > news.worst().size());
        ArrayNode findings = data.putArray("new_findings");
        for (NewFinding finding : news.worst()) {
            findings.addObject().put("share_uid", finding.shareUid()).put("asset_type", finding.assetType())
                    .put("asset_name", finding.assetName()).put("owner_id", finding.ownerId())
                    .put("owner_email", finding.ownerEmail()).put("owner_status", finding.ownerStatus())
                    .put("owner_delegated_to", finding.ownerDelegatedTo()).put("permission", finding.permission())
                    .put("policy_id", finding.policyId()).put("severity", finding.severity().name())
                    .put("title", finding.title()).put("recommended_scope", finding.recommendedScope())
                    .put("first_seen", finding.firstSeen().toString())
                    .put("remediation_from", finding.actOn() == null ? null : finding.actOn().toString());
        }
        return JSON.writeValueAsString(message);
    }
}
