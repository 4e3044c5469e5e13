package dev.dspm.scanner.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * What a user waits for, beside what the machine can do, in one table: for each tenant size, the download
 * floors, the database's bulk-load and key-build floors, a naive sequential peer, and the job itself (each
 * program in its own JVM, timed from start to exit; the job's steps from Spring Batch's step table), into an
 * H2 file, the embedded PostgreSQL and a real PostgreSQL server when one is installed. Every time is also
 * shown as a ratio to the Python download, the floor the targets are stated against.
 *
 * <p>{@code java dev.dspm.scanner.bench.ScanBenchmark <scanner.jar> <heap> <sizes...>}, from the repository's
 * root (bench/scan.sh builds and runs it). {@code BENCH_TIMEOUT_SECONDS} (default 600) bounds each program.
 */
public final class ScanBenchmark {

    private ScanBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = new Settings(Path.of(args[0]), args[1],
                Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("BENCH_TIMEOUT_SECONDS", "600"))),
                Files.createTempDirectory("dspm-bench"), Path.of("target", "bench"));
        System.out.println(machine(settings));
        boolean ok = true;
        try (EmbeddedPostgres embedded = EmbeddedPostgres.builder().start(); LocalPostgres server = startServer()) {
            List<Database> databases = new ArrayList<>(List.of(new Database.H2(settings.work().resolve("h2")),
                    Database.Postgres.of("embedded", embedded.getPort())));
            if (server != null) {
                databases.add(Database.Postgres.of("server", server.port()));
            }
            List<String> header = new ArrayList<>(List.of("scanner -Xmx" + settings.heap()));
            databases.forEach(database -> header.add(database.label()));
            Table table = new Table(header);
            for (int i = 2; i < args.length; i++) {
                SizeRun run = new SizeRun(settings, Integer.parseInt(args[i]), databases);
                ok &= run.measure();
                run.addTo(table);
            }
            System.out.println();
            System.out.print(table.render());
            System.out.println();
            System.out.println("""
                    Times in parentheses are ratios to the Python download of the same size, measured minutes earlier \
                    in this run. Floors are what the machine can do, not what the design does. The targets are stated \
                    at 1,000,000 shares. The machine is shared: expect run-to-run variance of tens of per cent. \
                    Each program's output is in""" + " " + settings.logs() + "/.");
        } finally {
            delete(settings.work());
        }
        System.exit(ok ? 0 : 1);
    }

    /** The installed PostgreSQL server, started; null, with a line saying why, when its column is skipped. */
    private static LocalPostgres startServer() throws IOException, InterruptedException {
        Optional<Path> bin = LocalPostgres.installed();
        if (bin.isEmpty()) {
            System.out.println("PostgreSQL server: not installed (apt-get install postgresql); its column is skipped.");
            return null;
        }
        try {
            return LocalPostgres.start(bin.get());
        } catch (IOException | IllegalStateException e) {
            System.out.println("PostgreSQL server: could not start, its column is skipped: " + e.getMessage());
            return null;
        }
    }

    private static String machine(Settings settings) throws IOException, InterruptedException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                .findFirst().map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown CPU");
        long memoryKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(line -> line.startsWith("MemTotal:"))
                .findFirst().map(line -> Long.parseLong(line.replaceAll("\\D", ""))).orElse(0L);
        Process python = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
        String pythonVersion = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        python.waitFor();
        return String.format(Locale.ROOT, """
                # dspm-scanner benchmark, %s
                machine: %d CPUs (%s), %.1f GiB memory, load average %s at start
                Java %s; %s; scanner %s at -Xmx%s; each program killed after %d s""",
                ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), Runtime.getRuntime().availableProcessors(),
                cpu, memoryKb / 1024.0 / 1024.0, String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3)),
                System.getProperty("java.version"), pythonVersion, settings.jar(), settings.heap(),
                settings.timeout().toSeconds());
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
