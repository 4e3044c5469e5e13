package dev.dspm.scanner.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.policy.FindingStatus;

/**
 * Writes a judged run's {@code report.html}, {@code report.json}, {@code report.csv} and {@code remediation.csv} into
 * {@code <dspm.report.dir>/<run-id>/}, each through a temporary name, then copies them to {@code latest/} when the
 * run is its tenant's newest judged one. The JSON and the CSVs are written in one pass over the remediation actions
 * and one over the findings.
 */
@Component
class RunReport {

    static final String HTML = "report.html";
    static final String JSON = "report.json";
    static final String CSV = "report.csv";
    static final String REMEDIATION_CSV = "remediation.csv";
    static final String LATEST = "latest";
    /**
     * New, resolved and widened each listed this far on the page, above the table, and the remediation actions that
     * were or would be sent; report.json lists them all.
     */
    static final int CHANGES_LISTED = 50;

    private final OverviewQuery overviews;
    private final FindingRows rows;
    private final RemediationRows remediations;
    private final WidenedShares widened;
    private final ReportSettings settings;
    private final JdbcClient jdbc;
    private final Clock clock;

    RunReport(OverviewQuery overviews, FindingRows rows, RemediationRows remediations, WidenedShares widened,
            ReportSettings settings, JdbcClient jdbc, Clock clock) {
        this.overviews = overviews;
        this.rows = rows;
        this.remediations = remediations;
        this.widened = widened;
        this.settings = settings;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What was written: the page a person opens, the run compared against, and how many shares widened since. */
    record Written(Path html, Optional<Long> previousRun, long widened) {
    }

    /**
     * Reads the run's findings once: each goes to the JSON and the CSV as it is read, and the worst of them are kept
     * (a bounded number) for the page, which is written last.
     */
    Written write(long runId) throws IOException {
        ReportOverview overview = overviews.read(runId);
        RemediationOverview remediation = remediations.overview(runId, CHANGES_LISTED);
        Optional<Long> previous = overview.run().previousRun();
        long widenedCount = previous.map(p -> widened.count(runId, p)).orElse(0L);
        List<Changes.WidenedShare> widenedListed = new ArrayList<>();
        WorstFirst table = new WorstFirst(settings.report().htmlMaxRows());
        WorstFirst fresh = new WorstFirst(CHANGES_LISTED);
        WorstFirst resolved = new WorstFirst(CHANGES_LISTED);
        Path folder = Files.createDirectories(settings.report().dir().resolve(Long.toString(runId)));
        try (AtomicFile json = AtomicFile.create(folder.resolve(JSON)); AtomicFile csv = AtomicFile.create(folder.resolve(CSV));
                AtomicFile actionsCsv = AtomicFile.create(folder.resolve(REMEDIATION_CSV))) {
            Writer csvOut = writer(csv);
            CsvReport rowsOut = new CsvReport(csvOut);
            Writer actionsCsvOut = writer(actionsCsv);
            RemediationCsv actionsOut = new RemediationCsv(actionsCsvOut);
            try (JsonReport document = new JsonReport(json.out())) {
                document.begin(overview, widenedCount, clock.instant());
                previous.ifPresent(p -> widened.forEach(runId, p, share -> {
                    document.widened(share);
                    if (widenedListed.size() < CHANGES_LISTED) {
                        widenedListed.add(share);
                    }
                }));
                document.remediation(remediation);
                actionsOut.header();
                remediations.forEach(runId, action -> {
                    document.action(action);
                    actionsOut.action(action);
                });
                document.beginFindings();
                rowsOut.header();
                rows.forEach(runId, finding -> {
                    document.finding(finding);
                    rowsOut.finding(finding);
                    table.offer(finding);
                    if (finding.status() == FindingStatus.NEW) {
                        fresh.offer(finding);
                    } else if (finding.status() == FindingStatus.RESOLVED) {
                        resolved.offer(finding);
                    }
                });
                document.end();
            }
            csvOut.flush();
            actionsCsvOut.flush();
            json.commit();
            csv.commit();
            actionsCsv.commit();
        }
        try (AtomicFile html = AtomicFile.create(folder.resolve(HTML))) {
            Writer out = writer(html);
            new HtmlReport(settings.report().htmlMaxRows()).write(out, overview, new Changes(fresh.list(), overview.fresh(),
                    resolved.list(), overview.resolved(), widenedListed, widenedCount), remediation, table.list());
            out.flush();
            html.commit();
        }
        if (newest(runId, overview.run().tenant())) {
            Path latest = Files.createDirectories(settings.report().dir().resolve(LATEST));
            for (String file : List.of(CSV, REMEDIATION_CSV, JSON, HTML)) {
                AtomicFile.copy(folder.resolve(file), latest.resolve(file));
            }
        }
        return new Written(folder.resolve(HTML), previous, widenedCount);
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
