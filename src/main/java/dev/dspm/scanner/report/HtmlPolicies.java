package dev.dspm.scanner.report;

import java.io.IOException;
import java.util.List;

import dev.dspm.scanner.report.ReportOverview.PolicyCount;

/** Finding counts per policy, worst severity first, as the overview orders them. */
final class HtmlPolicies {

    private HtmlPolicies() {
    }

    static void write(Html html, List<PolicyCount> policies) throws IOException {
        html.raw("<section id=\"policies-section\">\n<h2>Findings per policy</h2>\n");
        if (policies.isEmpty()) {
            html.raw("<p class=\"none\">No policy reported a finding.</p>\n</section>\n");
            return;
        }
        html.raw("<div class=\"scroll\"><table id=\"policies\"><thead><tr><th>Policy</th><th>Title</th><th>Severity</th>")
                .raw("<th>NEW</th><th>OPEN</th><th>EXCEPTED</th><th>RESOLVED</th></tr></thead><tbody>\n");
        for (PolicyCount p : policies) {
            html.raw("<tr data-policy=\"").text(p.policyId()).raw("\"><td>").text(p.policyId()).raw("</td><td>")
                    .text(p.title()).raw("</td><td>").severity(p.severity()).raw("</td>");
            HtmlHeadline.cells(html, p.counts());
            html.raw("</tr>\n");
        }
        html.raw("</tbody></table></div>\n</section>\n");
    }
}
