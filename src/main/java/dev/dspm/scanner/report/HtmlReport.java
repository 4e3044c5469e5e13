package dev.dspm.scanner.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

// PLACEHOLDER (local only) until the html branch is merged.
final class HtmlReport {
    HtmlReport(int maxRows) {
    }

    void write(Writer out, ReportOverview overview, Changes changes, List<ReportedFinding> rows) throws IOException {
        out.write("<!doctype html><title>placeholder</title>" + rows.size());
    }
}
