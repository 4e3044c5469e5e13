package dev.dspm.scanner.report;

import java.io.IOException;

import dev.dspm.scanner.report.OwnerOverview.TopOwner;

/**
 * Who owns what is open: whether the run knew its owners (and which owner ids it could not match), then the owners
 * with the most open findings. The findings table's Owner filter shows everything one of them left exposed.
 */
final class HtmlOwners {

    private HtmlOwners() {
    }

    static void write(Html html, OwnerOverview owners) throws IOException {
        html.raw("<section id=\"owners-section\">\n<h2>Owners</h2>\n<p id=\"owners-enrichment\">");
        if (!owners.enriched()) {
            html.raw("Owners were not enriched: set MANUS_USER_MGMT_KEY (a Team User Management key) to see who owns each "
                    + "share, whether they left the team, and which shares guests published.");
        } else {
            html.number(owners.members()).raw(" members listed")
                    .raw(owners.complete() ? "" : " (incomplete: the listing kept moving)").raw("; ")
                    .number(owners.unmatchedOwners()).raw(" owner ids of ").number(owners.unmatchedShares())
                    .raw(" shares match no member, so their owner is unknown");
            for (int i = 0; i < owners.unmatchedSample().size(); i++) {
                html.raw(i == 0 ? " (" : ", ").tenant(owners.unmatchedSample().get(i));
            }
            html.raw(owners.unmatchedSample().isEmpty() ? "." : ").");
        }
        html.raw("</p>\n");
        if (!owners.top().isEmpty()) {
            html.raw("<div class=\"scroll\"><table id=\"top-owners\"><caption>Most open findings (NEW or OPEN); pick one "
                    + "in the table's Owner filter to see them all</caption><thead><tr><th>Owner</th><th>Status</th>"
                    + "<th>Open</th><th>Critical</th><th>High</th></tr></thead><tbody>\n");
            for (TopOwner owner : owners.top()) {
                html.raw("<tr><td>");
                if (owner.email() != null) {
                    html.raw("<span title=\"").text(owner.ownerId()).raw("\">").tenant(owner.email()).raw("</span>");
                } else {
                    html.tenant(owner.ownerId());
                }
                html.raw("</td><td>").raw(owner.status() == null ? "<span class=\"muted\">unknown</span>" : "")
                        .text(owner.status()).raw("</td><td class=\"num\">").number(owner.open())
                        .raw("</td><td class=\"num\">").number(owner.critical()).raw("</td><td class=\"num\">")
                        .number(owner.high()).raw("</td></tr>\n");
            }
            html.raw("</tbody></table></div>\n");
        }
        html.raw("</section>\n");
    }
}
