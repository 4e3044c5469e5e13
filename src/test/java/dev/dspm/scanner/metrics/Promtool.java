package dev.dspm.scanner.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.dspm.scanner.InstalledTool;

/** Debian's {@code promtool} (package {@code prometheus}): the Prometheus project's own check of an exposition. */
final class Promtool {

    record Check(int exit, String output) {
    }

    private Promtool() {
    }

    /** {@code promtool check metrics < file}: exit 0 and no output when the file is valid and passes every lint. */
    static Check checkMetrics(Path file) throws IOException, InterruptedException {
        Path binary = InstalledTool.require("PROMTOOL_BINARY", "/usr/bin/promtool", "prometheus");
        Process process = new ProcessBuilder(List.of(binary.toString(), "check", "metrics")).redirectInput(file.toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("promtool did not finish within 30 s");
        }
        return new Check(process.exitValue(), output.strip());
    }
}
