package dev.dspm.scanner.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * What a user waits for every night, beside what the machine and an afternoon script do, in one table: the whole
 * night (scan, seal, owners, evaluate, findings, remediation plan, report), JVM start to exit, night 1 and night 2,
 * into each database asked for, beside floors measured in the same run: the bare download (bench/download.py), the
 * database's bulk load into an unindexed table (BulkLoad), and the naive nightly peer (bench/naive_night.py).
 *
 * <p>{@code java dev.dspm.scanner.bench.NightBenchmark <scanner.jar> <heap> <shares> <databases>}, databases a
 * comma-separated list of {@code h2}, {@code server} (a PostgreSQL server of its own, initdb on a free port) and
 * {@code embedded}, and optionally the job's JVM options in one argument (space-separated, e.g. a JIT flag whose cost to
 * the night is to be weighed); bench/night.sh builds and runs it. {@code BENCH_TIMEOUT_SECONDS} (default 1800) bounds each program.
 */
public final class NightBenchmark {

    private NightBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = new Settings(Path.of(args[0]), args[1],
                Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("BENCH_TIMEOUT_SECONDS", "1800"))),
                Files.createTempDirectory("dspm-night"), Path.of("target", "bench"));
        int size = Integer.parseInt(args[2]);
        List<String> kinds = List.of(args[3].split(","));
        List<String> jvmOptions = args.length > 4 && !args[4].isBlank() ? List.of(args[4].trim().split("\\s+")) : List.of();
        System.out.printf(Locale.ROOT, "# dspm-scanner whole-night benchmark, %,d shares, -Xmx%s%s, %s; load average %s at start%n",
                size, settings.heap(), jvmOptions.isEmpty() ? "" : " " + String.join(" ", jvmOptions), String.join(", ", kinds),
                String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3)));
        boolean ok = true;
        try (Databases databases = Databases.start(kinds, settings.work()); Simulator simulator = Simulator.start(size)) {
            long shares = simulator.totals().values().stream().mapToLong(Long::longValue).sum();
            progress(size, "download floor");
            double download = Downloads.python(simulator, shares);
            progress(size, "download floor: " + download + " s");
            progress(size, "evaluation floor: the default pack over the tenant's facts in memory");
            double floorRate = evaluationFloor(settings, size);
            progress(size, "evaluation floor: " + floorRate + " facts/s");
            progress(size, "naive nightly peer, twice");
            NaiveNight naive = new NaiveNight(simulator, settings.work().resolve("naive"));
            List<NaiveNight.Night> peer = List.of(naive.run(shares), naive.run(shares));
            // Each figure also goes to stderr as it is measured: a run stopped before its table still leaves them.
            progress(size, "naive nightly peer: " + peer);
            NightTable table = new NightTable(settings.heap(), size, peer);
            table.floor("floor: bare download, one connection, json.loads (bench/download.py, best of 2)", download);
            table.evaluateFloor(floorRate, shares);
            Path rows = settings.work().resolve("floor-rows.csv");
            FloorRows.write(simulator, simulator.totals(), rows);
            Map<Database, List<NightRun.Night>> nights = new LinkedHashMap<>();
            for (Database database : databases.list()) {
                NightRun run = new NightRun(settings, database, simulator, size, jvmOptions);
                progress(size, database.label() + ": bulk load floor");
                double load = run.bulkLoad(rows);
                progress(size, database.label() + ": bulk load " + load + " s");
                table.floor("floor: bulk load into an unindexed table, " + database.label(), load);
                progress(size, database.label() + ": the job, night 1 and night 2");
                nights.put(database, run.nights(2));
                nights.get(database).forEach(night -> progress(size, database.label() + ": " + night.outcome().seconds()
                        + " s, exit " + night.outcome().exit() + ", steps " + night.steps()));
            }
            table.peer();
            for (Map.Entry<Database, List<NightRun.Night>> database : nights.entrySet()) {
                table.job(database.getKey(), database.getValue(), database.getKey() instanceof Database.H2 ? 1.0 : 0.6);
                ok &= database.getValue().stream().allMatch(night -> night.outcome().ok());
            }
            System.out.println();
            System.out.print(table.render());
            System.out.println();
            System.out.println("Ratios are to the naive peer's same night, measured minutes earlier in this run. Steps come "
                    + "from Spring Batch's step table. Between a PostgreSQL database's nights, VACUUM (ANALYZE) does what "
                    + "autovacuum would in the day between (timed apart, on stderr). Each program's output is in "
                    + settings.logs() + "/.");
        } finally {
            ScanBenchmark.delete(settings.work());
        }
        System.exit(ok ? 0 : 1);
    }

    /**
     * The evaluate step's floor, as bench/evaluate.sh measures it: the simulator's tenant (same seed and size) as facts
     * in memory, judged by the default pack on 2 threads, 3 passes, the median; facts a second.
     */
    private static double evaluationFloor(Settings settings, int size) throws Exception {
        Path facts = settings.work().resolve("facts.bin");
        Path results = settings.work().resolve("floor.results");
        FactsFile.write(SimulatedTenant.generate(TenantSpec.realistic(EvaluateBenchmark.SEED, size)), facts);
        ChildJvm.Outcome floor = Floor.run(settings.heap(), facts, 3, results,
                settings.logs().resolve(size + "-evaluate-floor.log"), settings.timeout());
        Files.delete(facts);
        return floor.ok() ? EvaluationTable.floorFactsPerSecond(Floor.results(results)) : Double.NaN;
    }

    private static void progress(int size, String what) {
        System.err.printf("bench: %,d shares: %s%n", size, what);
    }
}
