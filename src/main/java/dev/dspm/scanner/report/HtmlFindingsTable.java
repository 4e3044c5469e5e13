package dev.dspm.scanner.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    /** The files beside the page, by relative link: the page opens from disk, and so do they. */
    static final String CSV_LINK = "<a href=\"report.csv\">report.csv</a>";
    static final String JSON_LINK = "<a href=\"report.json\">report.json</a>";

    private final int maxRows;

    HtmlFindingsTable(int maxRows) {
        this.maxRows = maxRows;
    }

    /**
     * @param rows    the worst findings, at most {@code maxRows} of them
     * @param total   the run's findings in all
     * @param choices every filter's values over the whole run
     */
    void write(Html html, List<ReportedFinding> rows, long total, FilterChoices choices) throws IOException {
        html.raw("<section id=\"findings-section\">\n<h2>Findings</h2>\n");
        scope(html, rows.size(), total);
        html.raw("<div class=\"filters\" role=\"search\">\n");
        filter(html, "severity", "Severity", options(choices.severities(), v -> v,
                Comparator.comparing((String s) -> Severity.valueOf(s)).reversed()));
        filter(html, "status", "Status", options(choices.statuses(), v -> v, Comparator.comparing(FindingStatus::valueOf)));
        filter(html, "policy", "Policy", options(choices.policies(), HtmlFindingsTable::text, Comparator.naturalOrder()));
        filter(html, "type", "Asset type", options(choices.types(), HtmlFindingsTable::text, Comparator.naturalOrder()));
        filter(html, "owner", "Owner", options(choices.owners(), HtmlFindingsTable::shown, Comparator.naturalOrder()));
        filter(html, "owner-status", "Owner status", options(choices.ownerStatuses(), HtmlFindingsTable::text,
                Comparator.naturalOrder()));
        html.raw("<label>Name contains <input id=\"search\" type=\"search\" autocomplete=\"off\" spellcheck=\"false\"></label>\n")
                .raw("<output id=\"shown-count\" aria-live=\"polite\" data-findings=\"").raw(Long.toString(total)).raw("\">")
                .number(rows.size()).raw(" of ").number(rows.size()).raw(" rows shown");
        if (rows.size() < total) {
            // report.js writes the same words as it filters
            html.raw("; the table holds ").number(rows.size()).raw(" of the run\u2019s ").number(total).raw(" findings");
        }
        html.raw("</output>\n</div>\n");
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
        html.raw("</tbody></table></div>\n</section>\n");
    }

    /**
     * Above the filters: which part of the run the table holds, in what order, and where the rest is. The filters
     * offer the whole run's values, so one whose findings all lie beyond the table shows no row: the note says so.
     */
    private void scope(Html html, int shown, long total) throws IOException {
        html.raw("<p id=\"table-scope\" class=\"more\"><strong>").number(shown).raw(" of ").number(total)
                .raw(" findings shown: the most severe first</strong> (then NEW, OPEN, EXCEPTED, RESOLVED).");
        if (shown < total) {
            html.raw(" The other ").number(total - shown).raw(" (dspm.report.html-max-rows is ").number(maxRows)
                    .raw(") are in ").raw(CSV_LINK).raw(" and ").raw(JSON_LINK).raw(" beside this page, which hold every "
                            + "finding. The filters offer and count the values of all ").number(total)
                    .raw(": one whose findings are all beyond the table shows no row here.");
        } else {
            html.raw(" The same findings are in ").raw(CSV_LINK).raw(" and ").raw(JSON_LINK).raw(" beside this page.");
        }
        html.raw("</p>\n");
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

    private static void filter(Html html, String column, String label, List<Option> options) throws IOException {
        html.raw("<label>").raw(label).raw(" <select id=\"filter-").raw(column).raw("\"><option value=\"\">all</option>");
        for (Option option : options) {
            html.raw("<option value=\"").raw(option.markup()).raw("\">").raw(option.markup()).raw(" (")
                    .number(option.findings()).raw(")</option>");
        }
        html.raw("</select></label>\n");
    }

    /**
     * The values of a column with their findings, each as its cell shows it (values that show alike are one choice),
     * in the column's order; empty ones are not offered.
     */
    private static List<Option> options(Map<String, Long> counted, Function<String, String> shown,
            Comparator<String> order) {
        TreeMap<String, Long> values = new TreeMap<>(order);
        counted.forEach((value, findings) -> {
            String cell = shown.apply(value);
            if (cell != null && !cell.isEmpty()) {
                values.merge(cell, findings, Long::sum);
            }
        });
        // One Html for all the values: an owner's filter offers tens of thousands, and each Html makes a NumberFormat.
        StringWriter markup = new StringWriter();
        Html html = new Html(markup);
        List<Option> options = new ArrayList<>(values.size());
        values.forEach((value, findings) -> {
            markup.getBuffer().setLength(0);
            try {
                html.text(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a StringWriter does not throw
            }
            options.add(new Option(markup.toString(), findings));
        });
        return options;
    }

    /** A filter's choice: its value as escaped markup that reads as its cell's text, and its findings in the run. */
    private record Option(String markup, long findings) {
    }

    /** What a cell written by {@link Html#tenant} reads as: the shortened value, or a dash for none. */
    private static String shown(String value) {
        return value == null ? "\u2014" : Html.shortened(value, Html.DISPLAY_CODE_POINTS);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
