package dev.dspm.scanner.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one program in its own JVM and times it from outside, start to exit, with its output in a log file:
 * the harness never reads a program's console for figures. Peak RSS is the kernel's high-water mark
 * (VmHWM) sampled while it runs; it only grows, so the last sample is the peak up to the final 20 ms.
 */
final class ChildJvm {

    /** The JVM's exit code for an OutOfMemoryError under {@code -XX:+ExitOnOutOfMemoryError}. */
    static final int OUT_OF_MEMORY = 3;

    record Outcome(int exit, double seconds, long peakRssBytes, boolean timedOut, Path log) {
        boolean ok() {
            return exit == 0 && !timedOut;
        }

        String failure() {
            String why = timedOut ? "killed after " + Math.round(seconds) + " s"
                    : exit == OUT_OF_MEMORY ? "OutOfMemoryError" : "exit " + exit;
            return "FAILED: " + why + " (log " + log + ")";
        }
    }

    private ChildJvm() {
    }

    /** {@code java -Xmx<heap>} with an OutOfMemoryError made fatal, so "finished within the heap" is the exit code. */
    static List<String> java(String heap, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(List.of(args));
        return command;
    }

    static Outcome run(List<String> command, Map<String, String> environment, Path log, Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        long peak = 0;
        boolean timedOut = false;
        while (!process.waitFor(20, TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, highWaterMark(status));
            if (System.nanoTime() - start > timeout.toNanos()) {
                timedOut = true;
                process.destroyForcibly().waitFor();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Outcome(process.exitValue(), seconds, peak, timedOut, log);
    }

    private static long highWaterMark(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException exited) {
            // the process ended between two samples
        }
        return 0;
    }
}
