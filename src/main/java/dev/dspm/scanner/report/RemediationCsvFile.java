package dev.dspm.scanner.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** {@code remediation.csv}: a row per remediation action, the skipped ones included (see {@link RemediationCsv}). */
@Component
@Order(3)
class RemediationCsvFile implements ReportFile {

    static final String NAME = "remediation.csv";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Pass begin(OutputStream out, ReportInput input) {
        Writer text = ReportFile.text(out);
        RemediationCsv csv = new RemediationCsv(text);
        csv.header();
        return new Pass() {
            @Override
            public void action(ReportedAction action) {
                csv.action(action);
            }

            @Override
            public void end() throws IOException {
                text.flush();
            }
        };
    }
}
