package dev.dspm.scanner.report;

import java.io.IOException;
import java.util.List;

import dev.dspm.scanner.report.ReportOverview.ReportedWaiver;

/** The waivers of exceptions.yaml as this run applied them; the justification is the key's tooltip. */
final class HtmlWaivers {

    private HtmlWaivers() {
    }

    static void write(Html html, List<ReportedWaiver> waivers) throws IOException {
        html.raw("<section id=\"waivers-section\">\n<h2>Waivers</h2>\n");
        if (waivers.isEmpty()) {
            html.raw("<p class=\"none\">No waivers in exceptions.yaml.</p>\n</section>\n");
            return;
        }
        html.raw("<div class=\"scroll\"><table id=\"waivers\"><thead><tr><th>Key</th><th>Policy</th><th>Match</th>")
                .raw("<th>Approved by</th><th>Expires</th><th>State</th><th>Matched</th></tr></thead><tbody>\n");
        for (ReportedWaiver w : waivers) {
            html.raw("<tr><td><span title=\"").text(w.justification()).raw("\">").tenant(w.key()).raw("</span></td><td>")
                    .text(w.policyId()).raw("</td><td>").text(w.matchKind()).raw(": ").tenant(w.matchValue())
                    .raw("</td><td>").tenant(w.approvedBy()).raw("</td><td>")
                    .text(w.expires() == null ? null : w.expires().toString()).raw("</td><td>")
                    .raw(w.active() ? "active" : "<strong class=\"bad\">expired</strong>").raw("</td><td class=\"num\">")
                    .number(w.matched()).raw(w.active() && w.matched() == 0 ? " <span class=\"muted\">(unused)</span>" : "")
                    .raw("</td></tr>\n");
        }
        html.raw("</tbody></table></div>\n</section>\n");
    }
}
