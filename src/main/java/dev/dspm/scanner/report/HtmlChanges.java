package dev.dspm.scanner.report;

import java.io.IOException;
import java.util.List;

import dev.dspm.scanner.report.Changes.WidenedShare;
import dev.dspm.scanner.report.ReportOverview.RunFacts;

/** What changed since the previous run: new findings, resolved findings, shares whose exposure widened. */
final class HtmlChanges {

    private HtmlChanges() {
    }

    static void write(Html html, RunFacts run, Changes changes) throws IOException {
        html.raw("<section id=\"changes\">\n<h2>What changed since the previous run</h2>\n");
        if (run.previousRun().isEmpty()) {
            // Every finding is new: listing them here would push the headline off the screen; the table has them all.
            html.raw("<p id=\"first-run\">First run for this tenant: there is no previous run to compare with, so every"
                    + " finding is new (").number(changes.newCount()).raw("). They are all in the findings table below.</p>\n")
                    .raw("</section>\n");
            return;
        }
        html.raw("<p>Compared with run ").number(run.previousRun().get()).raw(": ")
                .number(changes.newCount()).raw(" new, ").number(changes.resolvedCount()).raw(" resolved, ")
                .number(changes.widenedCount()).raw(" shares with wider exposure.</p>\n");
        findings(html, "new", "New findings", changes.newFindings(), changes.newCount());
        findings(html, "resolved", "Resolved findings", changes.resolved(), changes.resolvedCount());
        widened(html, changes.widened(), changes.widenedCount());
        html.raw("</section>\n");
    }

    private static void findings(Html html, String id, String heading, List<ReportedFinding> list, long count)
            throws IOException {
        html.raw("<h3>").raw(heading).raw(" <span class=\"count\">").number(count).raw("</span></h3>\n");
        if (list.isEmpty() && count == 0) {
            html.raw("<p class=\"none\">None.</p>\n");
            return;
        }
        html.raw("<div class=\"scroll\"><table id=\"changes-").raw(id).raw("\"><thead><tr><th>Severity</th>")
                .raw("<th>Policy</th><th>Type</th><th>Name</th><th>Owner</th><th>Permission</th></tr></thead><tbody>\n");
        for (ReportedFinding f : list) {
            html.raw("<tr data-uid=\"").text(f.shareUid()).raw("\"><td>").severity(f.severity())
                    .raw("</td><td><span title=\"").text(f.title()).raw("\">").text(f.policyId()).raw("</span></td><td>")
                    .text(f.assetType()).raw("</td><td class=\"name\">").tenant(f.assetName()).raw("</td><td>")
                    .tenant(f.ownerId()).raw("</td><td>");
            HtmlFindingsTable.permission(html, f);
            html.raw("</td></tr>\n");
        }
        html.raw("</tbody></table></div>\n");
        more(html, count - list.size());
    }

    private static void widened(Html html, List<WidenedShare> list, long count) throws IOException {
        html.raw("<h3>Shares whose exposure widened <span class=\"count\">").number(count).raw("</span></h3>\n");
        if (list.isEmpty() && count == 0) {
            html.raw("<p class=\"none\">None.</p>\n");
            return;
        }
        html.raw("<div class=\"scroll\"><table id=\"changes-widened\"><thead><tr><th>Type</th><th>Name</th>")
                .raw("<th>Owner</th><th>Scope before \u2192 after</th></tr></thead><tbody>\n");
        for (WidenedShare w : list) {
            html.raw("<tr data-uid=\"").text(w.shareUid()).raw("\"><td>").text(w.assetType())
                    .raw("</td><td class=\"name\">").tenant(w.assetName()).raw("</td><td>").tenant(w.ownerId())
                    .raw("</td><td class=\"scope\">").tenant(w.before()).raw(" \u2192 <strong>").tenant(w.after())
                    .raw("</strong></td></tr>\n");
        }
        html.raw("</tbody></table></div>\n");
        more(html, count - list.size());
    }

    private static void more(Html html, long more) throws IOException {
        if (more > 0) {
            html.raw("<p class=\"more\">and ").number(more).raw(" more (report.json / report.csv)</p>\n");
        }
    }
}
