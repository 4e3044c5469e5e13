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

/**
 * Issue 14's report benchmark, as one table: a judged run of about {@code findings} findings made by the real job
 * (a {@link PublicTenant} sized by {@link FindingsPerShare}), then its three files written by the report alone
 * (report/StandaloneReport) beside the floor (the same rows as plain CSV, {@link PlainCsvFloor}), each in its own JVM
 * of the given heap, into H2, the embedded PostgreSQL and, when installed, a PostgreSQL server.
 *
 * <p>{@code java dev.dspm.scanner.bench.ReportBenchmark <heap> <findings> <repetitions>} from the repository's root
 * (bench/report.sh builds and runs it). {@code BENCH_TIMEOUT_SECONDS} (default 1200) bounds each program.
 */
public final class ReportBenchmark {

    private ReportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String heap = args[0];
        long findings = Long.parseLong(args[1]);
        int repetitions = Integer.parseInt(args[2]);
        Settings settings = new Settings(Path.of("target", "dspm-scanner.jar"), heap,
                Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("BENCH_TIMEOUT_SECONDS", "1200"))),
                Files.createTempDirectory("dspm-report-bench"), Path.of("target", "bench"));
        String start = machine(heap);
        boolean ok = true;
        try {
            double perShare = FindingsPerShare.measure(Path.of("policies"), FindingsPerShare.SAMPLE, Instant.now());
            int shares = FindingsPerShare.sharesFor(findings, perShare);
            System.err.printf(Locale.ROOT, "bench: %.3f findings a share in a public tenant of %,d; %,d shares for %,d findings%n",
                    perShare, FindingsPerShare.SAMPLE, shares, findings);
            ReportTable table = new ReportTable(String.format(Locale.ROOT, "report, -Xmx%s, median of %d", heap, repetitions));
            try (PublicTenant tenant = PublicTenant.start(shares); EmbeddedPostgres embedded = EmbeddedPostgres.builder().start()) {
                ReportRun run = new ReportRun(settings, tenant, repetitions);
                Database h2 = new Database.H2(settings.work().resolve("h2"));
                ok &= measure(run, h2, table);
                ok &= measure(run, Database.Postgres.of("embedded", embedded.getPort()), table);
                Optional<Path> bin = LocalPostgres.installed();
                if (bin.isPresent()) {
                    try (LocalPostgres server = LocalPostgres.start(bin.get())) {
                        ok &= measure(run, Database.Postgres.of("server", server.port()), table);
                    }
                } else {
                    table.column("PostgreSQL server: not installed (apt-get install postgresql)");
                }
            }
            System.out.println(start);
            System.out.println();
            System.out.print(table.render());
            System.out.println();
            System.out.println("Times are JVM start to exit, the median of " + repetitions + " runs [fastest–slowest], and in "
                    + "parentheses a ratio to the plain-CSV floor of the same database in this run. The machine is shared: "
                    + "expect run-to-run variance of tens of per cent. Load average at the end: " + loadAverage()
                    + ". Each program's output is in " + settings.logs() + "/.");
        } finally {
            ScanBenchmark.delete(settings.work());
        }
        System.exit(ok ? 0 : 1);
    }

    private static boolean measure(ReportRun run, Database database, ReportTable table) throws Exception {
        System.err.println("bench: " + database.label());
        return run.measure(database, table.column(database.label()));
    }

    private static String machine(String heap) throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                .findFirst().map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown CPU");
        return String.format(Locale.ROOT, """
                # dspm-scanner report benchmark, %s
                machine: %d CPUs (%s), load average %s at start; Java %s; each program at -Xmx%s""",
                ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), Runtime.getRuntime().availableProcessors(),
                cpu, loadAverage(), System.getProperty("java.version"), heap);
    }

    private static String loadAverage() throws IOException {
        return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
    }
}
