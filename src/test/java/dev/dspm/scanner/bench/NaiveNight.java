package dev.dspm.scanner.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * bench/naive_night.py, the naive nightly peer, run night after night on one SQLite file as cron would run it:
 * timed from outside, start to exit, its own shares count checked against the API's total.
 */
final class NaiveNight {

    record Night(double seconds, long shares, long findings) {
    }

    private final Simulator simulator;
    private final Path dir;

    NaiveNight(Simulator simulator, Path dir) {
        this.simulator = simulator;
        this.dir = dir;
    }

    Night run(long shares) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        ProcessBuilder builder = new ProcessBuilder("python3", "bench/naive_night.py", simulator.baseUrl().toString(),
                dir.resolve("naive.sqlite").toString(), dir.toString()).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(NightRun.KEYS);
        long start = System.nanoTime();
        Process python = builder.start();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (python.waitFor() != 0 || !out.matches("[0-9.]+ [0-9]+ [0-9]+")) {
            throw new IllegalStateException("bench/naive_night.py failed: " + out);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String[] fields = out.split(" ");
        if (Long.parseLong(fields[1]) != shares) {
            throw new IllegalStateException("bench/naive_night.py read " + fields[1] + " of " + shares + " shares");
        }
        return new Night(seconds, shares, Long.parseLong(fields[2]));
    }
}
