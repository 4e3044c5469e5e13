package dev.dspm.scanner.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The database floor's input: every share of the tenant, downloaded once from the simulator and written as
 * CSV in the job's columns, so the floor does not depend on how the job stores its rows. One file serves both
 * databases: PostgreSQL's {@code COPY ... (FORMAT csv)} and H2's CSV reader read the same dialect.
 * Every value is quoted except NULL, which is an empty unquoted field in both (and H2 would otherwise trim
 * unquoted values).
 */
final class FloorRows {

    private FloorRows() {
    }

    static void write(Simulator simulator, Map<String, Long> totals, Path file) throws IOException, InterruptedException {
        JsonMapper json = JsonMapper.builder().build();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, Long> type : totals.entrySet()) {
                for (long offset = 0; offset < type.getValue(); offset += Simulator.PAGE) {
                    for (JsonNode asset : json.readTree(simulator.get(type.getKey(), Simulator.PAGE, offset)).get("assets")) {
                        row(out, ShareColumns.values(1, type.getKey(), asset));
                    }
                }
            }
        }
    }

    static void row(Writer out, Object[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            if (values[i] != null) {
                // PostgreSQL text cannot hold NUL; the job stores U+FFFD in its place too.
                out.write('"' + values[i].toString().replace("\"", "\"\"").replace('\0', '\uFFFD') + '"');
            }
        }
        out.write('\n');
    }
}
