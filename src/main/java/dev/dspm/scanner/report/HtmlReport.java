package dev.dspm.scanner.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import dev.dspm.scanner.report.ReportOverview.RunFacts;
import dev.dspm.scanner.snapshot.TypeTotal;

/**
 * {@code report.html}: one self-contained page a reviewer opens from disk. What changed comes first, then the
 * headline, the charts, what remediation changed or would change, the owners, the findings table (sorted and filtered
 * by the inlined script; its counts and filter choices are the whole run's), waivers and policies.
 * Written straight to the writer, so the page's size costs no memory; the writer must encode UTF-8.
 */
final class HtmlReport {

    private final int maxRows;

    /** @param maxRows {@code dspm.report.html-max-rows}: the findings table shows at most this many rows */
    HtmlReport(int maxRows) {
        if (maxRows < 0) {
            throw new IllegalArgumentException("dspm.report.html-max-rows must be 0 or more, not " + maxRows);
        }
        this.maxRows = maxRows;
    }

    /** @param rows the findings worst first, at most {@code maxRows} of them (any beyond are not shown) */
    void write(Writer out, ReportOverview overview, Changes changes, RemediationOverview remediation,
            List<ReportedFinding> rows) throws IOException {
        Html html = new Html(out);
        List<ReportedFinding> shown = rows.size() > maxRows ? rows.subList(0, maxRows) : rows;
        RunFacts run = overview.run();
        head(html, run);
        header(html, overview);
        // The README's order: what changed, the headline, the charts, then the plan, the owners and the findings.
        HtmlChanges.write(html, run, changes);
        HtmlHeadline.write(html, overview, remediation, shown.size());
        SvgCharts.write(html, overview);
        HtmlRemediation.write(html, run.id(), remediation);
        HtmlOwners.write(html, overview.owners());
        new HtmlFindingsTable(maxRows).write(html, shown, overview.findings(), overview.choices());
        HtmlWaivers.write(html, overview.waivers());
        HtmlPolicies.write(html, overview.byPolicy());
        html.raw("</main>\n<footer>dspm-scanner \u00b7 run ").number(run.id())
                .raw(" \u00b7 every finding and remediation action is in report.json, report.csv and remediation.csv"
                        + " beside this page</footer>\n");
        html.raw("<script>").raw(HtmlAssets.SCRIPT.source()).raw("</script>\n</body>\n</html>\n");
    }

    private static void head(Html html, RunFacts run) throws IOException {
        html.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .raw("<meta http-equiv=\"Content-Security-Policy\" content=\"")
                .raw(HtmlAssets.contentSecurityPolicy()).raw("\">\n")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .raw("<meta name=\"referrer\" content=\"no-referrer\">\n")
                .raw("<title>DSPM report \u2014 ").text(run.tenant()).raw(" \u2014 run ").number(run.id())
                .raw("</title>\n<style>").raw(HtmlAssets.STYLE.source()).raw("</style>\n</head>\n<body>\n");
    }

    private static void header(Html html, ReportOverview overview) throws IOException {
        RunFacts run = overview.run();
        html.raw("<header>\n<h1>DSPM report: <span class=\"tenant\">").tenant(run.tenant()).raw("</span></h1>\n")
                .raw("<dl class=\"facts\">")
                .raw("<div><dt>Run</dt><dd id=\"run-id\">").number(run.id()).raw("</dd></div>")
                .raw("<div><dt>Scan started</dt><dd id=\"scan-start\">").time(run.startedAt()).raw("</dd></div>")
                .raw("<div><dt>Shares issued before</dt><dd>").time(run.endTime()).raw("</dd></div>")
                .raw("<div><dt>Compared with</dt><dd>");
        if (run.previousRun().isPresent()) {
            html.raw("run ").number(run.previousRun().get());
        } else {
            html.raw("no previous run");
        }
        html.raw("</dd></div><div><dt>Read with</dt><dd>").text(run.readKeyType()).raw(" key</dd></div>");
        if (run.scope().filtered()) {
            html.raw("<div><dt>Scanned</dt><dd id=\"scope\">");
            List<String> filters = run.scope().filters();
            for (int i = 0; i < filters.size(); i++) {
                html.raw(i == 0 ? "" : "; ").tenant(filters.get(i));
            }
            html.raw("</dd></div>");
        }
        html.raw("</dl>\n</header>\n<main>\n");
        if (!run.complete()) {
            List<String> incomplete = overview.types().stream().filter(t -> !Boolean.TRUE.equals(t.complete()))
                    .map(TypeTotal::assetType).toList();
            html.raw("<p class=\"banner\" id=\"incomplete\" role=\"alert\"><strong>INCOMPLETE snapshot.</strong> ")
                    .raw(incomplete.isEmpty() ? "The scan did not finish" : "Not every share of ")
                    .text(String.join(", ", incomplete))
                    .raw(incomplete.isEmpty() ? "" : " was listed")
                    .raw(": findings there could not be resolved, so they stay OPEN until a complete run.</p>\n");
        }
        if (run.scope().filtered()) {
            html.raw("<p class=\"note\" id=\"filtered\">This run scanned part of the tenant: findings of shares outside it are "
                    + "carried forward as they were").raw(run.scope().narrowed() ? ", and it resolves none" : "")
                    .raw(", and remediation acts only on the shares it read.</p>\n");
        }
    }
}
