package dev.dspm.scanner.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.findings.FindingStatus;

/**
 * {@code report.html}, the page a person opens (see {@link HtmlReport}): written at the end of the pass from what it
 * kept, a bounded number of each (the worst findings for the table, the worst new and resolved ones, the first
 * widened shares), so its memory does not grow with the run.
 */
@Component
@Order(Integer.MAX_VALUE)
class HtmlFile implements ReportFile {

    static final String NAME = "report.html";
    /**
     * New, resolved and widened each listed this far on the page, above the table, and the remediation actions that
     * were or would be sent; report.json lists them all.
     */
    static final int CHANGES_LISTED = 50;

    private final ReportSettings settings;

    HtmlFile(ReportSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Pass begin(OutputStream out, ReportInput input) {
        WorstFirst table = new WorstFirst(settings.htmlMaxRows());
        WorstFirst fresh = new WorstFirst(CHANGES_LISTED);
        WorstFirst resolved = new WorstFirst(CHANGES_LISTED);
        List<Changes.WidenedShare> widened = new ArrayList<>();
        return new Pass() {
            private long widenedCount;

            @Override
            public void widened(Changes.WidenedShare share) {
                if (widened.size() < CHANGES_LISTED) {
                    widened.add(share);
                }
            }

            @Override
            public void actions(long count) {
                widenedCount = count;
            }

            @Override
            public void finding(ReportedFinding finding) {
                table.offer(finding);
                if (finding.status() == FindingStatus.NEW) {
                    fresh.offer(finding);
                } else if (finding.status() == FindingStatus.RESOLVED) {
                    resolved.offer(finding);
                }
            }

            @Override
            public void end() throws IOException {
                ReportOverview overview = input.overview();
                Writer text = ReportFile.text(out);
                new HtmlReport(settings.htmlMaxRows()).write(text, overview, new Changes(fresh.list(), overview.fresh(),
                        resolved.list(), overview.resolved(), widened, widenedCount), input.remediation(), table.list());
                text.flush();
            }
        };
    }
}
