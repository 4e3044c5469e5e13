package dev.dspm.scanner.report;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

import dev.dspm.scanner.remediation.ActionStatus;
import dev.dspm.scanner.remediation.RemediationSettings.Mode;
import dev.dspm.scanner.remediation.SkipReason;

/**
 * What the run changed in the tenant, or would change: the mode, the guardrail that held the plan back, the counts,
 * and the actions that were or would be sent (the skipped ones are counted by reason; remediation.csv has each).
 */
final class HtmlRemediation {

    private HtmlRemediation() {
    }

    static void write(Html html, long runId, RemediationOverview remediation) throws IOException {
        html.raw("<section id=\"remediation\">\n<h2>Remediation</h2>\n");
        mode(html, runId, remediation);
        if (remediation.mode() != Mode.OFF) {
            heldBack(html, remediation);
            counts(html, remediation);
            actions(html, remediation);
        }
        html.raw("</section>\n");
    }

    private static void mode(Html html, long runId, RemediationOverview r) throws IOException {
        html.raw("<p id=\"remediation-mode\">");
        switch (r.mode()) {
            case OFF -> html.raw("Remediation is off (dspm.remediation.mode=off): no plan was made and nothing was changed.");
            case PLAN -> {
                html.raw("<strong>Plan mode: nothing was changed in the tenant.</strong> ");
                if (r.sendable() == 0) {
                    html.raw("The plan has no action to apply.");
                } else {
                    html.raw("The actions below are what an apply would send (one team.asset.update_scope call per share)."
                            + " To apply exactly this plan once reviewed, run with <code>--dspm.remediation.mode=apply "
                            + "--dspm.remediation.approved-plan=").number(runId).raw("</code> (each share only if it is "
                            + "still at the plan\u2019s \u201cfrom\u201d scope); <code>--dspm.remediation.mode=apply</code>"
                            + " alone plans afresh from that run\u2019s findings and applies that.");
                }
            }
            case APPLY -> {
                html.raw("<strong>Apply mode</strong>: ");
                if (r.approvedPlan() != null) {
                    html.raw("this run applied the plan of run ").number(r.approvedPlan()).raw(", as approved.");
                } else if (r.revertedRun() != null) {
                    html.raw("this run took back the changes of run ").number(r.revertedRun())
                            .raw(": each share it tightened back to the scope it had, unless changed since.");
                } else {
                    html.raw("this run planned from its findings and applied the plan.");
                }
                if (r.count(ActionStatus.IN_FLIGHT) > 0) {
                    html.raw(" The outcome of the IN_FLIGHT actions is unknown (the run stopped during their call): "
                            + "the next start settles each by reading its share again, never by sending it twice.");
                }
            }
            default -> throw new IllegalStateException("unknown remediation mode " + r.mode());
        }
        html.raw("</p>\n");
    }

    private static void heldBack(Html html, RemediationOverview r) throws IOException {
        if (r.heldBack() == null) {
            return;
        }
        html.raw("<p class=\"banner\" id=\"held-back\" role=\"alert\" data-guardrail=\"").raw(r.heldBack().name())
                .raw(r.mode() == Mode.PLAN ? "\"><strong>An apply of this plan would be held back.</strong> "
                        : "\"><strong>Remediation held back.</strong> ")
                .text(r.detail()).raw("</p>\n");
    }

    private static void counts(Html html, RemediationOverview r) throws IOException {
        html.raw("<dl class=\"facts\" id=\"remediation-counts\">");
        for (ActionStatus status : ActionStatus.values()) {
            String name = status.name().toLowerCase(Locale.ROOT);
            html.raw("<div><dt>").raw(name.replace('_', ' ')).raw("</dt><dd id=\"remediation-").raw(name.replace('_', '-'))
                    .raw("\">").number(r.count(status)).raw("</dd></div>");
        }
        html.raw("</dl>\n");
        if (r.count(ActionStatus.SKIPPED) == 0) {
            return;
        }
        html.raw("<ul id=\"skipped-reasons\">");
        for (Map.Entry<SkipReason, Long> skipped : r.skipped().entrySet()) {
            if (skipped.getValue() > 0) {
                html.raw("<li data-reason=\"").raw(skipped.getKey().name()).raw("\"><strong>").number(skipped.getValue())
                        .raw(" ").raw(RemediationOverview.label(skipped.getKey())).raw("</strong>: ")
                        .raw(why(skipped.getKey())).raw("</li>");
            }
        }
        html.raw("</ul>\n<p class=\"note\">Each skipped share is in remediation.csv, with its reason.</p>\n");
    }

    /** A switch, not a map: a reason added to SkipReason does not compile until it is explained here. */
    private static String why(SkipReason reason) {
        return switch (reason) {
            case WAIVED -> "every finding that would tighten the share is waived in exceptions.yaml";
            case GRACE_PERIOD -> "first seen less than dspm.remediation.grace-period ago: its owner has time to fix it";
            case NOT_AUTO_REMEDIATED -> "its policies do not allow automatic remediation (website publishes, by default)";
            case STALE_SHARE -> "the shared asset no longer exists: the API cannot re-scope its share";
            case UNKNOWN_SCOPE -> "its scope is a value this build does not know";
            case ALREADY_TIGHT -> "already at or below the recommended scope";
            case CHANGED_SINCE_PLAN -> "its scope changed since the snapshot or the reviewed plan";
            case SHARE_GONE -> "deleted since the snapshot";
            case PERMISSION_DENIED -> "not sent: an earlier action was refused with permission_denied";
            case RESOLVED -> "in the approved plan, but tonight the share has no open finding of that policy";
            case NOT_SCANNED -> "not listed tonight: outside this run's filter, so nothing is known of it now";
        };
    }

    private static void actions(Html html, RemediationOverview r) throws IOException {
        if (r.sendable() == 0) {
            if (r.mode() == Mode.APPLY) {
                html.raw("<p class=\"none\">No share to tighten.</p>\n");
            }
            return;
        }
        html.raw("<div class=\"scroll\"><table id=\"remediation-actions\"><thead><tr><th>Status</th><th>Policy</th>")
                .raw("<th>Type</th><th>Name</th><th>Owner</th><th>Scope from \u2192 to</th><th>Outcome</th>")
                .raw("<th>Audit note</th></tr></thead><tbody>\n");
        for (ReportedAction a : r.listed()) {
            html.raw("<tr data-uid=\"").text(a.shareUid()).raw("\" data-status=\"").raw(a.status().name()).raw("\"><td>")
                    .raw("<span class=\"badge act-").raw(a.status().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .raw("\">").raw(a.status().name()).raw("</span></td><td>").text(a.policyId()).raw("</td><td>")
                    .text(a.assetType()).raw("</td><td class=\"name\">").tenant(a.assetName()).raw("</td><td>");
            owner(html, a);
            html.raw("</td><td class=\"scope\">").text(a.fromScope()).raw(" \u2192 <strong>")
                    .text(a.toScope()).raw("</strong></td><td class=\"outcome\">");
            outcome(html, a);
            html.raw("</td><td class=\"audit-note\"><bdi>").text(a.note()).raw("</bdi></td></tr>\n");
        }
        html.raw("</tbody></table></div>\n");
        long more = r.sendable() - r.listed().size();
        if (more > 0) {
            html.raw("<p class=\"more\" id=\"more-actions\">and ").number(more).raw(" more in remediation.csv</p>\n");
        }
    }

    /** As the findings table shows an owner: their email where the run matched them, their id on hover; else the id. */
    private static void owner(Html html, ReportedAction a) throws IOException {
        if (a.ownerEmail() != null) {
            html.raw("<span title=\"").text(a.ownerId()).raw("\">").tenant(a.ownerEmail()).raw("</span>");
        } else {
            html.tenant(a.ownerId());
        }
    }

    private static void outcome(Html html, ReportedAction a) throws IOException {
        switch (a.status()) {
            case FAILED -> html.raw("<bdi class=\"bad\">").text(a.error()).raw("</bdi>");
            case APPLIED -> {
                if (a.requestId() == null) {
                    html.raw("applied (seen by reading the share again)");
                } else {
                    html.raw("request_id ").tenant(a.requestId());
                }
            }
            case IN_FLIGHT -> html.raw("outcome unknown: the next start reads the share");
            default -> html.raw("\u2014");
        }
    }
}
