package dev.dspm.scanner.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.policy.FindingStatus;
import dev.dspm.scanner.report.ReportOverview.StatusCounts;

/**
 * Writes a judged run's {@code report.html}, {@code report.json} and {@code report.csv} into
 * {@code <dspm.report.dir>/<run-id>/}, each through a temporary name, then copies them to {@code latest/} when the
 * run is its tenant's newest judged one. The JSON and CSV are written in one pass over the findings.
 */
@Component
class RunReport {

    static final String HTML = "report.html";
    static final String JSON = "report.json";
    static final String CSV = "report.csv";
    static final String LATEST = "latest";
    /** New, resolved and widened each listed this far on the page, above the table; report.json lists them all. */
    static final int CHANGES_LISTED = 50;

    private final OverviewQuery overviews;
    private final FindingRows rows;
    private final WidenedShares widened;
    private final ReportSettings settings;
    private final JdbcClient jdbc;
    private final Clock clock;

    RunReport(OverviewQuery overviews, FindingRows rows, WidenedShares widened, ReportSettings settings, JdbcClient jdbc,
            Clock clock) {
        this.overviews = overviews;
        this.rows = rows;
        this.widened = widened;
        this.settings = settings;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What was written: the page a person opens, the run compared against, and how many shares widened since. */
    record Written(Path html, Optional<Long> previousRun, long widened) {
    }

    Written write(long runId) throws IOException {
        ReportOverview overview = overviews.read(runId);
        Changes changes = changes(runId, overview);
        Path folder = Files.createDirectories(settings.report().dir().resolve(Long.toString(runId)));
        int maxRows = settings.report().htmlMaxRows();
        try (AtomicFile html = AtomicFile.create(folder.resolve(HTML))) {
            Writer out = writer(html);
            new HtmlReport(maxRows).write(out, overview, changes, rows.worst(runId, maxRows));
            out.flush();
            html.commit();
        }
        try (AtomicFile json = AtomicFile.create(folder.resolve(JSON)); AtomicFile csv = AtomicFile.create(folder.resolve(CSV))) {
            Writer csvOut = writer(csv);
            CsvReport table = new CsvReport(csvOut);
            try (JsonReport document = new JsonReport(json.out())) {
                document.begin(overview, changes, clock.instant());
                overview.run().previousRun().ifPresent(previous -> widened.forEach(runId, previous, document::widened));
                document.beginFindings();
                table.header();
                rows.forEach(runId, finding -> {
                    document.finding(finding);
                    table.finding(finding);
                });
                document.end();
            }
            csvOut.flush();
            json.commit();
            csv.commit();
        }
        if (newest(runId, overview.run().tenant())) {
            Path latest = Files.createDirectories(settings.report().dir().resolve(LATEST));
            for (String file : List.of(CSV, JSON, HTML)) {
                AtomicFile.copy(folder.resolve(file), latest.resolve(file));
            }
        }
        return new Written(folder.resolve(HTML), overview.run().previousRun(), changes.widenedCount());
    }

    private Changes changes(long runId, ReportOverview overview) {
        long fresh = overview.bySeverity().values().stream().mapToLong(StatusCounts::fresh).sum();
        long resolved = overview.bySeverity().values().stream().mapToLong(StatusCounts::resolved).sum();
        Optional<Long> previous = overview.run().previousRun();
        return new Changes(rows.worst(runId, FindingStatus.NEW, CHANGES_LISTED), fresh,
                rows.worst(runId, FindingStatus.RESOLVED, CHANGES_LISTED), resolved,
                previous.map(p -> widened.first(runId, p, CHANGES_LISTED)).orElse(List.of()),
                previous.map(p -> widened.count(runId, p)).orElse(0L));
    }

    /** A run judged again after later ones must not replace their report in latest/. */
    private boolean newest(long runId, String tenant) {
        return jdbc.sql("SELECT COUNT(*) FROM scan_run WHERE tenant = ? AND run_id > ? AND evaluated_at IS NOT NULL")
                .params(tenant, runId).query(Long.class).single() == 0;
    }

    private static Writer writer(AtomicFile file) {
        return new BufferedWriter(new OutputStreamWriter(file.out(), StandardCharsets.UTF_8), 1 << 16);
    }
}
