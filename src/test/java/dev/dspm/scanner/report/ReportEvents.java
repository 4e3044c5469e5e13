package dev.dspm.scanner.report;

import java.nio.file.Path;
import java.util.List;

import tools.jackson.databind.JsonNode;

/** The events of a run's findings.ocsf.jsonl, for tests of other packages. */
public final class ReportEvents {

    private ReportEvents() {
    }

    public static List<JsonNode> read(Path file) {
        return StandardSchemas.events(file);
    }
}
