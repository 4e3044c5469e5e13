package dev.dspm.scanner.report;

import java.io.OutputStream;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.config.BuildVersion;

/** {@code report.sarif}: the run as one SARIF 2.1.0 run, a result per finding, streamed (see {@link SarifReport}). */
@Component
@Order(5)
class SarifFile implements ReportFile {

    static final String NAME = "report.sarif";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean enabled(ReportSettings settings) {
        return settings.sarif().enabled();
    }

    @Override
    public Pass begin(OutputStream out, ReportInput input) {
        SarifReport sarif = new SarifReport(out, input, BuildVersion.get());
        sarif.begin();
        return new Pass() {
            @Override
            public void finding(ReportedFinding finding) {
                sarif.result(finding);
            }

            @Override
            public void end() {
                sarif.end();
            }
        };
    }
}
