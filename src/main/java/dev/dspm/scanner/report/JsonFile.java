package dev.dspm.scanner.report;

import java.io.OutputStream;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code report.json}: the run, its policies, the actions sent or to send, every finding and their owners, streamed as
 * the pass goes (see {@link JsonReport}).
 */
@Component
@Order(1)
class JsonFile implements ReportFile {

    static final String NAME = "report.json";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Pass begin(OutputStream out, ReportInput input) {
        JsonReport json = new JsonReport(out);
        json.begin(input.overview(), input.policies(), input.generatedAt());
        return new Pass() {
            @Override
            public void widened(Changes.WidenedShare share) {
                json.widened(share);
            }

            @Override
            public void actions(long widened) {
                json.remediation(widened, input.remediation());
            }

            @Override
            public void action(ReportedAction action) {
                json.action(action);
            }

            @Override
            public void findings() {
                json.beginFindings();
            }

            @Override
            public void finding(ReportedFinding finding) {
                json.finding(finding);
            }

            @Override
            public void end() {
                json.end();
                json.close();
            }
        };
    }
}
