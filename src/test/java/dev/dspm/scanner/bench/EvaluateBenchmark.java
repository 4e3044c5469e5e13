package dev.dspm.scanner.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * Issue 13's evaluation benchmark: the shares of the scan benchmark's tenant (the same seed and size, so the same
 * shares the job stores when it scans that simulator) judged by the default pack in a JVM of the heap, as
 * one table. Today it measures the floor ({@link Floor}, fed by a {@link FactsFile}); the evaluate step, once it
 * exists, is timed in the same run and added as rows of {@link EvaluationTable} below the floor's.
 *
 * <p>{@code java dev.dspm.scanner.bench.EvaluateBenchmark <heap> <shares> <repetitions>} from the repository's root
 * (bench/evaluate.sh builds and runs it). {@code BENCH_TIMEOUT_SECONDS} (default 600) bounds each program.
 */
public final class EvaluateBenchmark {

    /** The scan benchmark's tenant seed (bench/Simulator). */
    static final long SEED = 42;
    /** When the snapshot is judged: fixed, so the stale-share findings are the same from day to day. */
    static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");

    private EvaluateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String heap = args[0];
        int shares = Integer.parseInt(args[1]);
        int repetitions = Integer.parseInt(args[2]);
        Duration timeout = Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("BENCH_TIMEOUT_SECONDS", "600")));
        Path logs = Path.of("target", "bench");
        Path work = Files.createTempDirectory("dspm-evaluate");
        System.out.println(machine(heap));
        boolean ok;
        try {
            Path facts = work.resolve("facts.bin");
            System.err.printf("bench: generating the tenant (seed %d, %,d shares)%n", SEED, shares);
            long count = FactsFile.write(SimulatedTenant.generate(TenantSpec.realistic(SEED, shares)), facts);
            EvaluationTable table = new EvaluationTable(count, heap);
            System.err.printf("bench: floor, %d repetitions at -Xmx%s%n", repetitions, heap);
            Path results = work.resolve("floor.results");
            ChildJvm.Outcome floor = Floor.run(heap, facts, repetitions, results, logs.resolve("evaluate-floor.log"), timeout);
            ok = floor.ok() && table.floor(Floor.results(results), floor);
            if (!floor.ok()) {
                table.note(floor.failure(), "");
            }
            ok &= steps(shares, heap, timeout, logs, work, table);
            System.out.println();
            System.out.print(table.render());
            System.out.println();
            System.out.println("Median of " + repetitions + " passes each; CPU time is that of the judging threads. "
                    + "The machine is shared: expect run-to-run variance of tens of per cent. Load average at the end: "
                    + loadAverage() + ". Each program's output is in " + logs + "/.");
        } finally {
            ScanBenchmark.delete(work);
        }
        System.exit(ok ? 0 : 1);
    }

    /** The evaluate step in the job, into H2, the embedded PostgreSQL, and the PostgreSQL server when installed. */
    private static boolean steps(int shares, String heap, Duration timeout, Path logs, Path work, EvaluationTable table)
            throws Exception {
        System.err.printf("bench: the job, twice per database, over the same %,d shares%n", shares);
        boolean ok = true;
        try (Simulator simulator = Simulator.start(shares); EmbeddedPostgres embedded = EmbeddedPostgres.builder().start()) {
            StepRun run = new StepRun(Path.of("target", "dspm-scanner.jar"), heap, simulator, logs, timeout, work);
            ok &= run.measure(new Database.H2(work.resolve("h2")), table);
            ok &= run.measure(Database.Postgres.of("embedded", embedded.getPort()), table);
            Optional<Path> bin = LocalPostgres.installed();
            if (bin.isPresent()) {
                try (LocalPostgres server = LocalPostgres.start(bin.get())) {
                    ok &= run.measure(Database.Postgres.of("server", server.port()), table);
                }
            } else {
                table.note("PostgreSQL server: not installed (apt-get install postgresql)", "skipped");
            }
        }
        return ok;
    }

    private static String machine(String heap) throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                .findFirst().map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown CPU");
        return String.format(Locale.ROOT, """
                # dspm-scanner evaluation benchmark, %s
                machine: %d CPUs (%s), load average %s at start; Java %s; each program at -Xmx%s""",
                ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), Runtime.getRuntime().availableProcessors(),
                cpu, loadAverage(), System.getProperty("java.version"), heap);
    }

    private static String loadAverage() throws IOException {
        return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
    }
}
