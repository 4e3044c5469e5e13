package dev.dspm.scanner.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

import dev.dspm.scanner.findings.FindingStatus;
import dev.dspm.scanner.policy.Severity;

/**
 * The findings table and its filters. report.js sorts and filters it by the cells' text: a filter option's value
 * is written exactly as its cell shows, so a selected value compares equal to the cell's textContent.
 */
final class HtmlFindingsTable {

    /** The columns in order: report.js finds a column by its th's data-col; the sortable ones have a button. */
    private static final List<Column> COLUMNS = List.of(new Column("severity", "Severity", true),
            new Column("status", "Status", true), new Column("policy", "Policy", true),
            new Column("type", "Asset type", true), new Column("name", "Name", true), new Column("owner", "Owner", true),
            new Column("owner-status", "Owner status", true),
            new Column("permission", "Permission", false), new Column("recommended", "Recommended scope", false),
            new Column("first-seen", "First seen", true), new Column("last-seen", "Last seen", false),
            new Column("waiver", "Waiver", false));

    private record Column(String key, String label, boolean sortable) {
    }

    private final int maxRows;

    HtmlFindingsTable(int maxRows) {
        this.maxRows = maxRows;
    }

    void write(Html html, List<ReportedFinding> rows, long total) throws IOException {
        html.raw("<section id=\"findings-section\">\n<h2>Findings</h2>\n<div class=\"filters\" role=\"search\">\n");
        filter(html, "severity", "Severity", options(rows, f -> f.severity().name(),
                Comparator.comparing((String s) -> Severity.valueOf(s)).reversed()));
        filter(html, "status", "Status", options(rows, f -> f.status().name(), Comparator.comparing(FindingStatus::valueOf)));
        filter(html, "policy", "Policy", options(rows, f -> text(f.policyId()), Comparator.naturalOrder()));
        filter(html, "type", "Asset type", options(rows, f -> text(f.assetType()), Comparator.naturalOrder()));
        filter(html, "owner", "Owner", options(rows, f -> shown(owner(f)), Comparator.naturalOrder()));
        filter(html, "owner-status", "Owner status", options(rows, f -> text(f.ownerStatus()), Comparator.naturalOrder()));
        html.raw("<label>Name contains <input id=\"search\" type=\"search\" autocomplete=\"off\" spellcheck=\"false\"></label>\n")
                .raw("<output id=\"shown-count\" aria-live=\"polite\">").number(rows.size()).raw(" of ")
                .number(rows.size()).raw(" rows shown</output>\n</div>\n");
        html.raw("<div class=\"scroll\"><table id=\"findings\"><thead><tr>");
        for (Column column : COLUMNS) {
            // The rows come worst first: the page opens sorted by severity, descending.
            html.raw("<th data-col=\"" + column.key() + (column.key().equals("severity") ? "\" aria-sort=\"descending\">" : "\">"));
            html.raw(column.sortable()
                    ? "<button type=\"button\" data-sort=\"" + column.key() + "\">" + column.label() + "</button></th>"
                    : column.label() + "</th>");
        }
        html.raw("</tr></thead>\n<tbody>\n");
        for (ReportedFinding f : rows) {
            row(html, f);
        }
        html.raw("</tbody></table></div>\n");
        if (rows.size() < total) {
            html.raw("<p id=\"more-rows\" class=\"more\">The table shows the worst ").number(rows.size()).raw(" of ")
                    .number(total).raw(" findings (dspm.report.html-max-rows is ").number(maxRows).raw("); the other ")
                    .number(total - rows.size()).raw(" are in report.csv and report.json.</p>\n");
        }
        html.raw("</section>\n");
    }

    private static void row(Html html, ReportedFinding f) throws IOException {
        html.raw("<tr data-uid=\"").text(f.shareUid()).raw("\"><td>").severity(f.severity()).raw("</td><td>")
                .status(f.status()).raw("</td><td><span title=\"").text(f.title()).raw("\">").text(f.policyId())
                .raw("</span></td><td>").text(f.assetType()).raw("</td><td class=\"name\">").tenant(f.assetName())
                .raw("</td><td>");
        if (f.ownerEmail() != null) {
            // the person, by the address a reviewer knows them by; their id, and whom a delegated profile went to, on hover
            html.raw("<span title=\"").text(f.ownerId() + (f.ownerDelegatedTo() == null ? "" : ", delegated to "
                    + f.ownerDelegatedTo())).raw("\">").tenant(f.ownerEmail()).raw("</span>");
        } else {
            html.tenant(f.ownerId());
        }
        html.raw("</td><td>").text(f.ownerStatus());
        html.raw("</td><td class=\"permission\">");
        permission(html, f);
        html.raw("</td><td>").text(f.recommendedScope()).raw("</td><td>").date(f.firstSeen()).raw("</td><td>")
                .date(f.lastSeen()).raw("</td><td>");
        if (f.waiverKey() != null) {
            html.tenant(f.waiverKey());
            html.raw(Boolean.TRUE.equals(f.waiverActive()) ? "" : " <span class=\"bad\">(expired)</span>");
        }
        html.raw("</td></tr>\n");
    }

    /** The stored scope; for one this build does not know, the API's own spelling beside it. */
    static void permission(Html html, ReportedFinding f) throws IOException {
        if (f.permission() == null) {
            html.tenant(null);
            return;
        }
        html.text(f.permission());
        if ("UNKNOWN".equals(f.permission())) {
            html.raw(" <span class=\"raw\">").tenant(f.permissionRaw()).raw("</span>");
        }
    }

    private static void filter(Html html, String column, String label, List<String> markup) throws IOException {
        html.raw("<label>").raw(label).raw(" <select id=\"filter-").raw(column).raw("\"><option value=\"\">all</option>");
        for (String option : markup) {
            html.raw("<option value=\"").raw(option).raw("\">").raw(option).raw("</option>");
        }
        html.raw("</select></label>\n");
    }

    /** The distinct values of a column, each already escaped as markup that reads as its cell's text. */
    private static List<String> options(List<ReportedFinding> rows, Function<ReportedFinding, String> value,
            Comparator<String> order) {
        TreeSet<String> values = new TreeSet<>(order);
        rows.stream().map(value).filter(v -> v != null && !v.isEmpty()).forEach(values::add);
        return values.stream().map(HtmlFindingsTable::escaped).toList();
    }

    /** What a cell written by {@link Html#tenant} reads as: the shortened value, or a dash for none. */
    /** Who owns the share, as its cell shows them: their email when the run knows it, else their id. */
    private static String owner(ReportedFinding f) {
        return f.ownerEmail() != null ? f.ownerEmail() : f.ownerId();
    }

    private static String shown(String value) {
        return value == null ? "\u2014" : Html.shortened(value, Html.DISPLAY_CODE_POINTS);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String escaped(String value) {
        StringWriter out = new StringWriter(value.length() + 16);
        try {
            new Html(out).text(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
