package dev.dspm.scanner.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a measured program reports to the harness: one {@code name=number} a line, in a file it names, so the
 * harness never reads a program's console for figures. A missing file or figure is an error, not a zero.
 */
public final class ProgramResults {

    public static final String PEAK_LIVE_HEAP = "peak_live_heap_bytes";
    public static final String ROWS = "rows";

    private ProgramResults() {
    }

    public static void write(Path file, Map<String, Long> figures) throws IOException {
        List<String> lines = new ArrayList<>();
        figures.forEach((name, value) -> lines.add(name + "=" + value));
        Files.write(file, lines);
    }

    public static Map<String, Long> read(Path file) throws IOException {
        Map<String, Long> figures = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            int equals = line.indexOf('=');
            if (equals < 1) {
                throw new IllegalStateException(file + ": not name=number: " + line);
            }
            figures.put(line.substring(0, equals), Long.parseLong(line.substring(equals + 1).trim()));
        }
        return figures;
    }

    public static long figure(Map<String, Long> figures, String name) {
        Long value = figures.get(name);
        if (value == null) {
            throw new IllegalStateException("the program reported no " + name + ": " + figures);
        }
        return value;
    }
}
