package dev.dspm.scanner.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.dspm.scanner.snapshot.Runs;

/**
 * Writes a judged run's report into {@code <dspm.report.dir>/<run-id>/}: every {@link ReportFile}, each through a
 * temporary name, in one pass over the run (its widened shares, its remediation actions, its findings, each read once
 * and handed to every file, each file written on a thread of its own: {@link FilePasses}), then links them into
 * {@code latest/} when the run is its tenant's newest judged one.
 */
@Component
class RunReport {

    static final String LATEST = "latest";
    /** The remediation actions that were or would be sent, listed on the page and in the summary; the rest are counted. */
    static final int CHANGES_LISTED = HtmlFile.CHANGES_LISTED;

    private final OverviewQuery overviews;
    private final FindingRows rows;
    private final RemediationRows remediations;
    private final WidenedShares widened;
    private final RunPolicies policies;
    private final OpenFindingsHistory history;
    private final List<ReportFile> files;
    private final List<ReportFile> switchedOff;
    private final ReportSettings settings;
    private final Runs runs;
    private final Clock clock;

    RunReport(OverviewQuery overviews, FindingRows rows, RemediationRows remediations, WidenedShares widened,
            RunPolicies policies, OpenFindingsHistory history, List<ReportFile> files, ReportSettings settings, Runs runs,
            Clock clock) {
        this.overviews = overviews;
        this.rows = rows;
        this.remediations = remediations;
        this.widened = widened;
        this.policies = policies;
        this.history = history;
        this.files = files.stream().filter(file -> file.enabled(settings)).toList();
        this.switchedOff = files.stream().filter(file -> !file.enabled(settings)).toList();
        this.settings = settings;
        this.runs = runs;
        this.clock = clock;
    }

    /**
     * What was written: the page a person opens, the run compared against, how many shares widened since, and what the
     * run knew of the owners.
     */
    record Written(Path html, Optional<Long> previousRun, long widened, OwnerOverview owners) {
    }

    Written write(long runId) throws IOException {
        ReportOverview overview = overviews.read(runId);
        Optional<Long> previous = overview.run().previousRun();
        ReportInput input = new ReportInput(overview, remediations.overview(runId, CHANGES_LISTED), clock.instant(),
                policies.of(runId));
        boolean withRemediation = files.stream().anyMatch(ReportFile::readsRemediation);
        Path folder = Files.createDirectories(settings.dir().resolve(Long.toString(runId)));
        List<AtomicFile> written = new ArrayList<>();
        FilePasses passes = null;
        long widenedCount;
        try {
            List<ReportFile.Pass> begun = new ArrayList<>();
            for (ReportFile file : files) {
                AtomicFile out = AtomicFile.create(folder.resolve(file.name()));
                written.add(out);
                begun.add(file.begin(out.out(), input));
            }
            passes = new FilePasses(files.stream().map(ReportFile::name).toList(), begun);
            widenedCount = passes.<Changes.WidenedShare>rows(ReportFile.Pass::widened,
                    sink -> previous.ifPresent(p -> widened.forEach(runId, p, sink)));
            passes.each(pass -> pass.actions(widenedCount));
            passes.<ReportedAction>rows(ReportFile.Pass::action, sink -> remediations.forEach(runId, sink));
            passes.each(ReportFile.Pass::findings);
            passes.<ReportedFinding>rows(ReportFile.Pass::finding, sink -> rows.forEach(runId, withRemediation, sink));
            passes.end();
            for (AtomicFile file : written) {
                file.commit();
            }
            overview.history().stream().filter(point -> point.runId() == runId)
                    .forEach(tonight -> history.record(runId, tonight.open()));
        } finally {
            if (passes != null) {
                passes.abandon(); // a no-op once they ended; else stops their threads before the files are closed
            }
            for (AtomicFile file : written) {
                file.close();
            }
        }
        // A run judged again after later ones must not replace their report in latest/.
        if (runs.newestJudged(overview.run().tenant(), runId)) {
            Path latest = Files.createDirectories(settings.dir().resolve(LATEST));
            for (ReportFile file : files) {
                AtomicFile.link(folder.resolve(file.name()), latest.resolve(file.name()));
            }
            // an earlier run's file of a format now switched off would pass for this run's
            for (ReportFile file : switchedOff) {
                Files.deleteIfExists(latest.resolve(file.name()));
            }
        }
        return new Written(folder.resolve(HtmlFile.NAME), previous, widenedCount, overview.owners());
    }
}
