package dev.dspm.scanner.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.dspm.scanner.bench.SizeRun.Cells;
import dev.dspm.scanner.bench.SizeRun.Row;

/** One database's measurements at one size: the bulk-load floor, the naive peer, and the job run twice. */
final class DatabaseRun {

    private static final Map<String, String> KEY = Map.of("MANUS_ASSET_AUDIT_KEY", Simulator.KEY);

    private final Settings settings;
    private final Database database;
    private final Simulator simulator;
    private final int size;
    private final long shares;
    private final double floor;
    private final Cells cells;

    DatabaseRun(Settings settings, Database database, Simulator simulator, int size, long shares, double floor,
            Cells cells) {
        this.settings = settings;
        this.database = database;
        this.simulator = simulator;
        this.size = size;
        this.shares = shares;
        this.floor = floor;
        this.cells = cells;
    }

    void bulkLoad(Path rows) throws Exception {
        String name = "floor" + size;
        ChildJvm.Outcome outcome = child(BulkLoad.class, rows.toString(), database.create(name), "bulk-load", Map.of());
        database.drop(name);
        if (!outcome.ok()) {
            cells.failed(Row.LOAD, outcome.failure());
            return;
        }
        String[] result = Files.readAllLines(outcome.log()).stream().filter(line -> line.startsWith("BULK_LOAD "))
                .findFirst().orElseThrow().split(" ");
        checked(Row.LOAD, time(Double.parseDouble(result[1])), Long.parseLong(result[3]));
        cells.set(Row.KEY, time(Double.parseDouble(result[2])));
    }

    void naivePeer() throws Exception {
        String name = "naive" + size;
        String url = database.create(name);
        ChildJvm.Outcome outcome = child(NaivePeer.class, simulator.baseUrl().toString(), url, "naive-peer", KEY);
        if (outcome.ok()) {
            try (Connection connection = database.connect(url)) {
                checked(Row.NAIVE, time(outcome.seconds()), count(connection, "SELECT COUNT(*) FROM naive_share"));
            }
        } else {
            cells.failed(Row.NAIVE, outcome.failure());
        }
        database.drop(name);
    }

    /** The product as a user runs it, twice into one database: the second run's retention drops the first run. */
    void job() throws Exception {
        String name = "job" + size;
        String url = database.create(name);
        ChildJvm.Outcome first = job(url, "job", settings.timeout());
        if (!first.ok()) {
            cells.failed(Row.JOB, first.failure());
            database.drop(name);
            return;
        }
        cells.set(Row.JOB, time(first.seconds()));
        cells.set(Row.TARGET_JOB, target(first.seconds() / floor, database instanceof Database.H2 ? 2.0 : 1.5));
        if (database instanceof Database.H2 h2) {
            // Read before the harness opens the file: opening it may compact it.
            long bytes = h2.fileSize(name);
            double perMillion = bytes / 1e9 * 1_000_000 / shares;
            cells.set(Row.FILE, String.format(Locale.ROOT, "%.2f GB (%.2f GB per million)", bytes / 1e9, perMillion));
            cells.set(Row.TARGET_FILE, String.format(Locale.ROOT, "%.2f GB < 1 GB: %s", perMillion, perMillion < 1 ? "met" : "missed"));
        }
        try (Connection connection = database.connect(url)) {
            Map<String, Double> steps = JobReadout.steps(connection);
            String afterScan = steps.containsKey("seal") ? "seal" : "completeness";
            cells.afterScan(afterScan);
            double inSteps = steps.entrySet().stream().filter(step -> !step.getKey().contains(":"))
                    .mapToDouble(Map.Entry::getValue).sum();
            cells.set(Row.OUTSIDE_STEPS, time(first.seconds() - inSteps));
            cells.set(Row.SCAN, step(steps.get("scan")));
            cells.set(Row.AFTER_SCAN, step(steps.get(afterScan)));
            cells.set(Row.EVALUATE, rate(steps.get("evaluate")));
            cells.set(Row.FINDINGS, step(steps.get("findings")));
            cells.set(Row.FOUND, String.format("%,d", count(connection, "SELECT COUNT(*) FROM finding")));
            cells.set(Row.RETENTION, step(steps.get("retention")));
            checked(Row.STORED, String.format("%,d", shares), JobReadout.latestRunShares(connection));
        }
        // The second scan costs about what the first did; past that, a retention still running is minutes from
        // its one-second target, and waiting for it to end would only lengthen the benchmark.
        Duration limit = Duration.ofSeconds(
                Math.min(settings.timeout().toSeconds(), Math.round(first.seconds() * 1.5) + 120));
        ChildJvm.Outcome second = job(url, "job-again", limit, "--dspm.retention.keep-runs=1");
        try (Connection connection = database.connect(url)) {
            Map<String, Double> steps = JobReadout.steps(connection);
            Double retention = steps.get("retention");
            if (second.ok()) {
                cells.set(Row.JOB_AGAIN, time(second.seconds()));
                cells.set(Row.EVALUATE_AGAIN, rate(steps.get("evaluate")));
                cells.set(Row.DROP, step(retention));
                cells.set(Row.TARGET_RETENTION, String.format(Locale.ROOT, "%.2f s < 1 s: %s", retention,
                        retention < 1 ? "met" : "missed"));
                checked(Row.KEPT, String.format("%,d", shares), JobReadout.allShares(connection));
            } else if (second.timedOut() && retention != null && retention.isNaN()) {
                // Killed while dropping the first run: the measurement, not a failure (today's H2 retention).
                cells.set(Row.JOB_AGAIN, String.format(Locale.ROOT, "> %.0f s (killed)", second.seconds()));
                cells.set(Row.DROP, "did not end before the kill");
                cells.set(Row.TARGET_RETENTION, "missed");
            } else {
                cells.failed(Row.JOB_AGAIN, second.failure());
            }
        }
        boolean oom = first.exit() == ChildJvm.OUT_OF_MEMORY || second.exit() == ChildJvm.OUT_OF_MEMORY;
        cells.set(Row.RSS, String.format("%,d MiB; %s", Math.max(first.peakRssBytes(), second.peakRssBytes()) >> 20,
                oom ? "NO, OutOfMemoryError" : "yes"));
        database.drop(name);
    }

    private ChildJvm.Outcome job(String url, String what, Duration limit, String... settingsArgs) throws Exception {
        List<String> command = ChildJvm.java(settings.heap(), "-jar", settings.jar().toString(),
                "--dspm.api.base-url=" + simulator.baseUrl(), "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + database.user(), "--spring.datasource.password=" + database.password(),
                "--dspm.api.max-requests-per-second=100000");
        command.addAll(List.of(settingsArgs));
        return ChildJvm.run(command, KEY, settings.log(size, database, what), limit);
    }

    /** One of the harness's own programs, in its own JVM with the scanner's heap: {@code <first> <url> <user> <password>}. */
    private ChildJvm.Outcome child(Class<?> program, String first, String url, String what, Map<String, String> environment)
            throws Exception {
        List<String> command = ChildJvm.java(settings.heap(), "-cp", System.getProperty("java.class.path"),
                program.getName(), first, url, database.user(), database.password());
        return ChildJvm.run(command, environment, settings.log(size, database, what), settings.timeout());
    }

    /** The cell, or a failure if the rows counted are not the API's total. */
    private void checked(Row row, String text, long rows) {
        if (rows == shares) {
            cells.set(row, text);
        } else {
            cells.failed(row, String.format("FAILED: %,d rows for %,d shares", rows, shares));
        }
    }

    private String step(Double seconds) {
        return seconds == null ? "no such step" : seconds.isNaN() ? "did not end" : time(seconds);
    }

    /** A step's time and the shares it judged a second. */
    private String rate(Double seconds) {
        return seconds == null || seconds.isNaN() ? step(seconds)
                : String.format(Locale.ROOT, "%s, %,.0f/s", time(seconds), shares / seconds);
    }

    private String time(double seconds) {
        return Table.time(seconds, floor);
    }

    private static String target(double ratio, double limit) {
        return String.format(Locale.ROOT, "%.2f× ≤ %.1f×: %s", ratio, limit, ratio <= limit ? "met" : "missed");
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement(); var count = statement.executeQuery(sql)) {
            count.next();
            return count.getLong(1);
        }
    }
}
