package dev.dspm.scanner.report;

import java.io.OutputStream;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.config.BuildVersion;

/**
 * {@code findings.ocsf.jsonl}: one OCSF event per finding of the run (see {@link OcsfEvent}), one JSON object a line
 * (JSON Lines), streamed as the pass goes.
 */
@Component
@Order(4)
class OcsfFile implements ReportFile {

    static final String NAME = "findings.ocsf.jsonl";
    /** No separator between root values: each event ends with its own line end. */
    static final JsonFactory JSON = JsonFactory.builder().rootValueSeparator((String) null).build();

    private final ReportSettings settings;

    OcsfFile(ReportSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean enabled(ReportSettings settings) {
        return settings.ocsf().enabled();
    }

    @Override
    public boolean readsRemediation() {
        return true;
    }

    @Override
    public Pass begin(OutputStream out, ReportInput input) {
        OcsfEvent event = new OcsfEvent(settings.ocsf().eventClass(), input, BuildVersion.get());
        JsonGenerator json = new EncodedNames(JSON.createGenerator(ObjectWriteContext.empty(), out));
        return new Pass() {
            @Override
            public void finding(ReportedFinding finding) {
                event.write(json, finding);
                json.writeRaw('\n');
            }

            @Override
            public void end() {
                json.close();
            }
        };
    }
}
