package dev.dspm.scanner.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** {@code report.csv}: a row per finding (see {@link CsvReport}). */
@Component
@Order(2)
class CsvFile implements ReportFile {

    static final String NAME = "report.csv";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Pass begin(OutputStream out, ReportInput input) {
        Writer text = ReportFile.text(out);
        CsvReport csv = new CsvReport(text);
        csv.header();
        return new Pass() {
            @Override
            public void finding(ReportedFinding finding) {
                csv.finding(finding);
            }

            @Override
            public void end() throws IOException {
                text.flush();
            }
        };
    }
}
