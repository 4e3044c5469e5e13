package dev.dspm.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.dspm.scanner.Console;
import dev.dspm.scanner.DspmScannerApplication;
import dev.dspm.scanner.SystemTest;
import dev.dspm.scanner.findings.FindingStatus;
import dev.dspm.scanner.policy.Severity;

/**
 * report.html as a reviewer's browser shows it: real headless Chromium opens the file from disk. It loads
 * nothing, logs no error, runs nothing a share's name carries, and its table sorts and filters as asked.
 */
@SystemTest
class HtmlReportBrowserTests extends InChromium {

    /** Where the screenshot of the demo's report is written; docs/report.png is a copy of it. */
    static final Path SCREENSHOT = Path.of("target", "screenshots", "report.png");

    @TempDir
    Path dir;

    @Test
    void theDemosReportLoadsNothingRunsNothingAndShowsEveryHostileNameAsText() throws Exception {
        Path reports = dir.resolve("reports");
        Console.Captured demo = Console.capture(() -> DspmScannerApplication.run(new String[] { "--demo",
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("demo"), "--dspm.report.dir=" + reports }, Map.of()));
        assertThat(demo.exit()).as(demo.err()).isZero();
        Path html = reports.resolve("1/report.html");

        page.open(html);
        assertInert();
        JsonNode report = ReportFiles.json(reports.resolve("1/report.json"));
        List<JsonNode> hostile = StreamSupport.stream(report.get("findings").spliterator(), false)
                .filter(f -> f.get("asset_name").asString().matches("(?s).*[<>\"'].*")).toList();
        assertThat(hostile).as("the demo's tenant has shares with hostile names among its findings").isNotEmpty();
        for (JsonNode finding : hostile) {
            String name = finding.get("asset_name").asString();
            JsonNode shown = page.evaluate("Array.from(document.querySelectorAll('#findings tbody tr')).filter(tr => tr.dataset.uid === "
                    + js(finding.get("share_uid").asString()) + ").map(tr => { const cell = tr.querySelector('td.name');"
                    + " const cut = cell.querySelector('[title]'); return cut ? cut.title : cell.textContent; })");
            assertThat(StreamSupport.stream(shown.spliterator(), false).map(JsonNode::asString))
                    .as("the name of %s, as text", finding.get("share_uid").asString()).contains(name);
        }
        assertThat(page.evaluate("document.querySelectorAll('#findings tbody tr').length").asLong())
                .isEqualTo(report.get("summary").get("findings").asLong());
        long sendable = report.get("remediation").get("counts").get("planned").asLong();
        assertThat(page.evaluate("document.querySelectorAll('#remediation-actions tbody tr').length").asLong())
                .as("the demo's plan, as far as the page lists it").isEqualTo(Math.min(sendable, RunReport.CHANGES_LISTED));

        page.screenshot(SCREENSHOT, 1280, 1800);
        assertThat(Files.size(SCREENSHOT)).isPositive();
    }

    @Test
    void hostileTenantTextIsInertWhereverItAppears() throws Exception {
        ReportSamples.Sample sample = ReportSamples.hostile(300);
        page.open(write(sample, 10_000));

        assertInert();
        assertThat(page.evaluate("window.__pwned === undefined").asBoolean()).as("no payload ran").isTrue();
        String text = page.evaluate("document.body.innerText").asString();
        for (String name : List.of(ReportSamples.SCRIPT_NAME, ReportSamples.IMG_NAME, ReportSamples.SVG_NAME,
                ReportSamples.JAVASCRIPT_NAME, ReportSamples.FORMULA_NAME, ReportSamples.ARABIC_NAME, ReportSamples.HEBREW_NAME,
                ReportSamples.CJK_NAME, ReportSamples.HOSTILE_ERROR, ReportSamples.HOSTILE_NOTE_PREFIX)) {
            assertThat(text).as("shown as text").contains(name);
        }
        assertThat(page.evaluate("document.querySelectorAll('#remediation-actions tbody tr').length").asLong())
                .isEqualTo(sample.remediation().listed().size());
        assertThat(page.evaluate("document.getElementById('held-back').textContent").asString())
                .isEqualTo("Remediation held back. " + ReportSamples.HOSTILE_DETAIL);
        assertThat(page.evaluate("document.querySelectorAll('[src], iframe, object, embed, img, link').length")
                .asLong()).as("nothing that loads").isZero();
        assertThat(page.evaluate("Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href')).join()")
                .asString()).as("links only to the files beside the page").matches("report\\.csv,report\\.json(,report\\.csv,report\\.json)*");
        assertThat(page.evaluate("Array.from(document.querySelectorAll('*')).filter(e => Array.from(e.attributes)"
                + ".some(a => a.name.startsWith('on'))).length").asLong()).as("no event handler attribute").isZero();
        assertThat(page.evaluate("document.scripts.length").asLong()).as("the page's own script only").isEqualTo(1);
        assertThat(page.evaluate("getComputedStyle(Array.from(document.querySelectorAll('td.name bdi')).find(b => b.textContent === "
                + js(ReportSamples.ARABIC_NAME) + ")).direction").asString()).as("right-to-left isolated in its cell").isEqualTo("rtl");
    }

    @Test
    void filtersShowExactlyTheMatchingRowsAndSortingOrdersThem() throws Exception {
        ReportSamples.Sample sample = ReportSamples.hostile(400);
        page.open(write(sample, 10_000));
        List<ReportedFinding> rows = sample.rows();
        assertThat(visible("severity")).hasSize(rows.size());
        assertThat(page.evaluate("document.getElementById('shown-count').textContent").asString())
                .isEqualTo(rows.size() + " of " + rows.size() + " rows shown");

        page.select("#filter-severity", "HIGH");
        long high = rows.stream().filter(f -> f.severity() == Severity.HIGH).count();
        assertThat(visible("severity")).hasSize((int) high).containsOnly("HIGH");
        FindingStatus status = rows.stream().filter(f -> f.severity() == Severity.HIGH).findFirst().orElseThrow().status();
        page.select("#filter-status", status.name());
        long highNew = rows.stream().filter(f -> f.severity() == Severity.HIGH && f.status() == status).count();
        assertThat(visible("status")).hasSize((int) highNew).containsOnly(status.name());
        assertThat(page.evaluate("document.getElementById('shown-count').textContent").asString())
                .isEqualTo(highNew + " of " + rows.size() + " rows shown");
        page.select("#filter-severity", "");
        page.select("#filter-status", "");

        // what did this person leave exposed? Their rows, by the email the table shows, and by their status
        page.select("#filter-owner", "owner-2@acme.example");
        assertThat(visible("owner")).hasSize((int) rows.stream().filter(f -> "owner-2@acme.example".equals(f.ownerEmail()))
                .count()).containsOnly("owner-2@acme.example").isNotEmpty();
        page.select("#filter-owner", "");
        page.select("#filter-owner-status", "INACTIVE");
        assertThat(visible("owner-status")).hasSize((int) rows.stream().filter(f -> "INACTIVE".equals(f.ownerStatus())).count())
                .containsOnly("INACTIVE").isNotEmpty();
        page.select("#filter-owner-status", "");

        page.type("#search", "REPORT-001");
        waitForFilters();
        long matching = rows.stream().filter(f -> f.assetName() != null && f.assetName().toLowerCase().contains("report-001")).count();
        assertThat(matching).isPositive();
        assertThat(visible("name")).hasSize((int) matching).allSatisfy(name -> assertThat(name.toLowerCase()).contains("report-001"));
        page.evaluate("(() => { const s = document.getElementById('search'); s.value = ''; s.dispatchEvent(new Event('input')); })()");
        waitForFilters();
        assertThat(visible("name")).hasSize(rows.size());

        page.click("button[data-sort='owner']");
        List<String> owners = visible("owner");
        assertThat(owners).isSortedAccordingTo(String::compareTo);
        page.click("button[data-sort='owner']");
        assertThat(visible("owner")).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(page.evaluate("document.querySelector('th[data-col=owner]').getAttribute('aria-sort')").asString())
                .isEqualTo("descending");
        page.click("button[data-sort='severity']");
        assertThat(visible("severity").stream().map(Severity::valueOf).toList()).as("by rank, not alphabetically")
                .isSortedAccordingTo(Severity::compareTo);
        assertInert();
    }

    /**
     * A table capped at 50 of 120 findings holds CRITICAL and HIGH ones only, and still offers MEDIUM and LOW, counted
     * over the whole run: picking LOW shows no row, and the count beside the filters says the table holds part of the run.
     */
    @Test
    void aCappedTableSaysWhichPartItShowsAndOffersValuesFoundOnlyBeyondIt() throws Exception {
        ReportSamples.Sample sample = ReportSamples.hostile(120);
        page.open(write(sample, 50));

        assertThat(page.evaluate("document.querySelectorAll('#findings tbody tr').length").asLong()).isEqualTo(50);
        assertThat(visible("severity")).doesNotContain("MEDIUM", "LOW");
        assertThat(page.evaluate("document.querySelector('#findings-section > p').id").asString())
                .as("the first thing the findings section says").isEqualTo("table-scope");
        assertThat(page.evaluate("document.getElementById('table-scope').textContent").asString())
                .startsWith("50 of 120 findings shown: the most severe first")
                .contains("The other 70 (dspm.report.html-max-rows is 50) are in report.csv and report.json");
        assertThat(page.evaluate("Array.from(document.querySelectorAll('#filter-severity option')).map(o => o.textContent)"
                + ".join('|')").asString()).isEqualTo("all|CRITICAL (30)|HIGH (30)|MEDIUM (30)|LOW (30)");
        assertThat(page.evaluate("document.getElementById('shown-count').textContent").asString())
                .isEqualTo("50 of 50 rows shown; the table holds 50 of the run\u2019s 120 findings");

        page.select("#filter-severity", "LOW");
        assertThat(visible("severity")).as("LOW is beyond the table").isEmpty();
        assertThat(page.evaluate("document.getElementById('shown-count').textContent").asString())
                .isEqualTo("0 of 50 rows shown; the table holds 50 of the run\u2019s 120 findings");
        page.select("#filter-severity", "");
        assertThat(visible("severity")).hasSize(50);
        assertInert();
    }

    /** Nothing requested, logged as an error, or popped up, and no payload ran. */
    private void assertInert() {
        assertThat(page.requests()).as("requests").isEmpty();
        assertThat(page.consoleErrors()).as("console errors").isEmpty();
        assertThat(page.dialogs()).as("dialogs").isEmpty();
        assertThat(page.evaluate("typeof window.__pwned").asString()).isEqualTo("undefined");
    }

    /** The text of one column in every row shown, in the order shown. */
    private List<String> visible(String column) {
        JsonNode values = page.evaluate("(() => { const i = Array.from(document.querySelectorAll('#findings thead th'))"
                + ".findIndex(th => th.dataset.col === " + js(column) + "); return Array.from(document.querySelectorAll("
                + "'#findings tbody tr')).filter(tr => !tr.hidden).map(tr => tr.cells[i].textContent); })()");
        List<String> list = new ArrayList<>();
        values.forEach(v -> list.add(v.asString()));
        return list;
    }

    /** The search waits for a pause in typing before it filters. */
    private void waitForFilters() {
        page.evaluate("new Promise(resolve => setTimeout(resolve, 300))");
    }

    private Path write(ReportSamples.Sample sample, int maxRows) throws IOException {
        Path file = dir.resolve("report-" + maxRows + ".html");
        List<ReportedFinding> rows = sample.rows().subList(0, Math.min(maxRows, sample.rows().size()));
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            new HtmlReport(maxRows).write(out, sample.overview(), sample.changes(), sample.remediation(), rows);
        }
        return file;
    }

    /** A JavaScript string literal of any text. */
    private static String js(String text) {
        StringBuilder literal = new StringBuilder("\"");
        text.codePoints().forEach(c -> literal.append(c < 0x20 || c == '"' || c == '\\' || c > 0x7e
                ? String.format(c > 0xffff ? "\\u{%x}" : "\\u%04x", c) : Character.toString(c)));
        return literal.append('"').toString();
    }
}
