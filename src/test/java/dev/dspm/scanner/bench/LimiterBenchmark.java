package dev.dspm.scanner.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scan step as a user waits for it when the server sheds load or enforces a limit (issue 27): the whole job
 * (the jar, in its own JVM, default settings: ceiling 20 requests/s) scans the same simulated tenant into each
 * database asked for, fresh each time (both page several partitions side by side; on H2 they write one at a
 * time), three times each: fault-free, under shedding (every 7th request answered 429 with Retry-After 1 s, every 11th
 * 503, whatever the rate), and against a token bucket of 10 requests/s (burst 10). The step's time comes from
 * Spring Batch's step table, the requests and their answers from the run's own {@code metrics.prom}.
 *
 * <p>{@code java dev.dspm.scanner.bench.LimiterBenchmark <scanner.jar> <heap> <shares> [databases]}, from the
 * repository's root (bench/limiter.sh builds and runs it); databases a comma-separated list of {@code h2},
 * {@code server} (the installed PostgreSQL server, initdb on a free port) and {@code embedded}, by default
 * {@code h2,server}. {@code BENCH_TIMEOUT_SECONDS} (default 600) bounds each job.
 */
public final class LimiterBenchmark {

    static final double BUCKET = 10;

    private record Scenario(String name, String key, List<String> faults) {
    }

    private record Result(double scanSeconds, long shares, ApiCounts api) {
        double sharesPerSecond() {
            return shares / scanSeconds;
        }

        double acceptedPerSecond() {
            return api.ok() / scanSeconds;
        }

        double throttledShare() {
            return (double) api.throttled() / api.requests();
        }
    }

    private LimiterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = new Settings(Path.of(args[0]), args[1],
                Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("BENCH_TIMEOUT_SECONDS", "600"))),
                Files.createTempDirectory("dspm-bench-limiter"), Path.of("target", "bench"));
        int shares = Integer.parseInt(args[2]);
        List<String> kinds = List.of((args.length > 3 ? args[3] : "h2,server").split(","));
        String loadAtStart = load();
        List<Scenario> scenarios = List.of(new Scenario("fault-free", "free", List.of()),
                new Scenario("shedding: 1 in 7 → 429 (Retry-After 1 s), 1 in 11 → 503", "shed",
                        List.of("--shed-429-every=7", "--shed-503-every=11")),
                new Scenario("token bucket 10 requests/s, burst 10", "bucket", List.of("--rate-limit=" + BUCKET)));
        Table table = new Table(List.of(String.format(Locale.ROOT, "scan of %,d shares, -Xmx%s, ceiling 20/s",
                shares, settings.heap()), "scan step", "shares/s", "vs fault-free", "requests", "429", "503",
                "accepted/s", "target"));
        boolean ok = true;
        try (Databases databases = Databases.start(kinds, settings.work())) {
            for (Database database : databases.list()) {
                Result free = null;
                for (Scenario scenario : scenarios) {
                    Result result = run(settings, shares, scenario, database);
                    if (result == null) {
                        ok = false;
                        continue;
                    }
                    free = scenario.faults().isEmpty() ? result : free;
                    table.add(row(database.label() + ", " + scenario.name(), scenario, result, free));
                }
            }
        } finally {
            ScanBenchmark.delete(settings.work());
        }
        System.out.println();
        System.out.println("load average at the start " + loadAtStart + ", at the end " + load());
        System.out.print(table.render());
        System.out.println();
        System.out.println("Accepted/s: requests answered 200 per second of the scan step. 429 and 503 as shares of all "
                + "requests. Logs in " + settings.logs() + "/.");
        System.exit(ok ? 0 : 1);
    }

    private static List<String> row(String name, Scenario scenario, Result result, Result free) {
        // NaN when the fault-free job failed: no figure rather than one against the wrong floor
        double ratio = free == null ? Double.NaN : result.sharesPerSecond() / free.sharesPerSecond();
        String target = switch (scenario.key()) {
            case "shed" -> (ratio >= 0.7 ? "met" : "MISSED") + ": ≥ 70% of fault-free";
            case "bucket" -> (result.acceptedPerSecond() >= 0.85 * BUCKET && result.throttledShare() <= 0.1 ? "met"
                    : "MISSED") + ": ≥ 8.5 accepted/s, ≤ 10% 429";
            default -> "";
        };
        ApiCounts api = result.api();
        return List.of(name, String.format(Locale.ROOT, "%.2f s", result.scanSeconds()),
                String.format(Locale.ROOT, "%,.0f", result.sharesPerSecond()), String.format(Locale.ROOT, "%.0f%%", 100 * ratio),
                Long.toString(api.requests()), String.format(Locale.ROOT, "%d (%.1f%%)", api.throttled(), 100 * result.throttledShare()),
                String.format(Locale.ROOT, "%d (%.1f%%)", api.unavailable(), 100.0 * api.unavailable() / api.requests()),
                String.format(Locale.ROOT, "%.2f", result.acceptedPerSecond()), target);
    }

    /** One job against a simulator with the scenario's faults; null, with a line saying why, when it failed. */
    private static Result run(Settings settings, int shares, Scenario scenario, Database database) throws Exception {
        Path reports = settings.work().resolve("reports-" + database.key() + "-" + scenario.key());
        try (Simulator simulator = Simulator.start(shares, scenario.faults())) {
            String url = database.create(scenario.key());
            ChildJvm.Outcome job = ChildJvm.run(ChildJvm.java(settings.heap(), "-jar", settings.jar().toString(),
                    "--dspm.api.base-url=" + simulator.baseUrl(), "--spring.datasource.url=" + url,
                    "--spring.datasource.username=" + database.user(), "--spring.datasource.password=" + database.password(),
                    "--dspm.report.dir=" + reports), Map.of("MANUS_ASSET_AUDIT_KEY", Simulator.KEY),
                    settings.logs().resolve("limiter-" + database.key() + "-" + scenario.key() + ".log"), settings.timeout());
            if (!job.ok()) {
                System.out.println(database.label() + ", " + scenario.name() + ": " + job.failure());
                return null;
            }
            try (Connection connection = database.connect(url)) {
                double scan = JobReadout.steps(connection).get("scan");
                long runId = latestRun(connection);
                return new Result(scan, JobReadout.latestRunShares(connection),
                        ApiCounts.read(reports.resolve(Long.toString(runId)).resolve("metrics.prom")));
            } finally {
                database.drop(scenario.key());
            }
        }
    }

    /** The 1, 5 and 15 minute load averages: on a shared machine, what every figure must be read against. */
    private static String load() throws IOException {
        return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
    }

    private static long latestRun(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT MAX(run_id) FROM scan_run")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
