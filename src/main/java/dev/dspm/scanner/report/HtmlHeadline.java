package dev.dspm.scanner.report;

import java.io.IOException;
import java.util.Map;

import dev.dspm.scanner.findings.FailedRule;
import dev.dspm.scanner.policy.Severity;
import dev.dspm.scanner.remediation.ActionStatus;
import dev.dspm.scanner.remediation.RemediationSettings.Mode;
import dev.dspm.scanner.report.ReportOverview.ReportedWaiver;
import dev.dspm.scanner.report.ReportOverview.StatusCounts;
import dev.dspm.scanner.snapshot.TypeTotal;

/** The run at a glance: the counts a reviewer checks before reading any finding. */
final class HtmlHeadline {

    private static final Severity[] WORST_FIRST = { Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW };

    private HtmlHeadline() {
    }

    /** @param tabled how many findings the table below holds: when fewer than the run's, the headline says so */
    static void write(Html html, ReportOverview overview, RemediationOverview remediation, int tabled) throws IOException {
        Map<Severity, StatusCounts> counts = overview.bySeverity();
        long fresh = 0;
        long open = 0;
        long excepted = 0;
        long resolved = 0;
        for (StatusCounts c : counts.values()) {
            fresh += c.fresh();
            open += c.open();
            excepted += c.excepted();
            resolved += c.resolved();
        }
        html.raw("<section id=\"headline\">\n<h2>Headline</h2>\n");
        failedRules(html, overview);
        html.raw("<div class=\"tiles\">");
        tile(html, "tile-open", "Open (NEW + OPEN)", fresh + open);
        tile(html, "tile-new", "NEW since the previous run", fresh);
        tile(html, "tile-resolved", "RESOLVED since the previous run", resolved);
        tile(html, "tile-excepted", "EXCEPTED by a waiver", excepted);
        waivers(html, overview);
        remediation(html, remediation);
        html.raw("</div>\n");
        if (tabled < overview.findings()) {
            html.raw("<p id=\"headline-table-scope\" class=\"more\">The findings table below shows ").number(tabled)
                    .raw(" of ").number(overview.findings()).raw(" findings, the most severe first; all ")
                    .number(overview.findings()).raw(" are in ").raw(HtmlFindingsTable.CSV_LINK).raw(" and ")
                    .raw(HtmlFindingsTable.JSON_LINK).raw(" beside this page. The counts here are the whole run\u2019s.</p>\n");
        }
        html.raw("<div class=\"pair\">\n");
        severities(html, counts);
        types(html, overview);
        html.raw("</div>\n</section>\n");
    }

    /** Above the counts, which they make incomplete: the rules that failed, and what became of their shares' findings. */
    private static void failedRules(Html html, ReportOverview overview) throws IOException {
        if (overview.failedRules().isEmpty()) {
            return;
        }
        html.raw("<div id=\"rule-failures\" class=\"banner\"><p>These rules failed on some shares, which were not judged "
                + "tonight: their earlier findings are kept open, and a finding they would have had is missing. Fix the rule, "
                + "then judge the run again with <code>--rejudge</code>.</p>\n<ul>");
        for (FailedRule rule : overview.failedRules()) {
            html.raw("<li>").text(rule.where()).raw(" failed on ").number(rule.shares()).raw(rule.shares() == 1 ? " share" : " shares")
                    .raw(", first <code>").text(rule.firstShareUid()).raw("</code>: ").text(rule.message()).raw("</li>");
        }
        html.raw("</ul></div>\n");
    }

    private static void tile(Html html, String id, String label, long value) throws IOException {
        html.raw("<div class=\"tile\" id=\"").raw(id).raw("\"><span class=\"value\">").number(value)
                .raw("</span><span class=\"label\">").raw(label).raw("</span></div>");
    }

    private static void waivers(Html html, ReportOverview overview) throws IOException {
        long active = 0;
        long expired = 0;
        long unused = 0;
        for (ReportedWaiver w : overview.waivers()) {
            if (w.active()) {
                active++;
                unused += w.matched() == 0 ? 1 : 0;
            } else {
                expired++;
            }
        }
        html.raw("<div class=\"tile\" id=\"tile-waivers\"><span class=\"value\">").number(active)
                .raw("</span><span class=\"label\">waivers active, <span id=\"waivers-expired\">").number(expired)
                .raw("</span> expired, <span id=\"waivers-unused\">").number(unused).raw("</span> unused</span></div>");
    }

    /** Planned and applied, and failed when any did: the remediation section below has the plan. */
    private static void remediation(Html html, RemediationOverview remediation) throws IOException {
        html.raw("<div class=\"tile\" id=\"tile-remediation\"><span class=\"value\">")
                .number(remediation.count(ActionStatus.PLANNED)).raw("</span><span class=\"label\">remediations planned, ")
                .raw("<span id=\"remediation-applied-count\">").number(remediation.count(ActionStatus.APPLIED))
                .raw("</span> applied");
        long failed = remediation.count(ActionStatus.FAILED);
        if (failed > 0) {
            html.raw(", <strong class=\"bad\">").number(failed).raw(" failed</strong>");
        }
        html.raw(remediation.mode() == Mode.OFF ? " (off)" : remediation.heldBack() != null ? " (held back)" : "")
                .raw("</span></div>");
    }

    private static void severities(Html html, Map<Severity, StatusCounts> counts) throws IOException {
        html.raw("<table id=\"by-severity\"><caption>Findings by severity and status</caption><thead><tr>")
                .raw("<th>Severity</th><th>NEW</th><th>OPEN</th><th>EXCEPTED</th><th>RESOLVED</th></tr></thead><tbody>\n");
        for (Severity severity : WORST_FIRST) {
            StatusCounts c = counts.getOrDefault(severity, new StatusCounts(0, 0, 0, 0));
            html.raw("<tr data-severity=\"").raw(severity.name()).raw("\"><th>").severity(severity).raw("</th>");
            cells(html, c);
            html.raw("</tr>\n");
        }
        html.raw("</tbody></table>\n");
    }

    /** The four status counts as numeric cells, in the order NEW, OPEN, EXCEPTED, RESOLVED. */
    static void cells(Html html, StatusCounts c) throws IOException {
        for (long n : new long[] { c.fresh(), c.open(), c.excepted(), c.resolved() }) {
            html.raw(n == 0 ? "<td class=\"num zero\">" : "<td class=\"num\">").number(n).raw("</td>");
        }
    }

    private static void types(Html html, ReportOverview overview) throws IOException {
        html.raw("<table id=\"by-type\"><caption>Shares scanned per type</caption><thead><tr><th>Asset type</th>")
                .raw("<th>Stored</th><th>API total</th><th>Complete</th></tr></thead><tbody>\n");
        for (TypeTotal t : overview.types()) {
            html.raw("<tr><th>").text(t.assetType()).raw("</th><td class=\"num\">").number(t.stored())
                    .raw("</td><td class=\"num\">");
            if (t.apiTotal() == null) {
                html.raw("\u2014");
            } else {
                html.number(t.apiTotal());
            }
            html.raw("</td><td>").raw(t.complete() == null ? "-"
                    : t.complete() ? "yes" : "<strong class=\"bad\">NO</strong>").raw("</td></tr>\n");
        }
        html.raw("</tbody></table>\n");
    }
}
