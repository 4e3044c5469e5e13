package dev.dspm.scanner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import dev.dspm.scanner.simulator.ManusSimulator;

/**
 * Scans simulated tenants into H2 and PostgreSQL and prints, side by side from the same run, the floor
 * (a bare sequential download of the same pages: no parsing, no database), the scan step's time, their
 * ratio, shares/s and peak heap. A second floor is the database's own: how long it takes to bulk-load the very
 * rows the scan stored (COPY for PostgreSQL, INSERT ... SELECT for H2), with no network and no parsing. The simulator and each scan run in their own JVMs, the scan with the
 * heap ceiling given, so the figures are the product's and not the harness's. Run by bench/scan.sh.
 */
public final class ScanBenchmark {

    private static final String[] TYPES = { "ASSET_TYPE_SESSION_COLLABORATION", "ASSET_TYPE_SESSION_SHARE",
            "ASSET_TYPE_FILE_SHARE", "ASSET_TYPE_WEBSITE_PUBLISH", "ASSET_TYPE_PROJECT_SHARE" };
    private static final Pattern SUMMARY = Pattern.compile("scan step ([0-9.]+) s, ([0-9,]+) shares/s, peak heap (\\d+) MiB live");
    private static final Pattern STORED = Pattern.compile("^all\\s+([0-9,]+)", Pattern.MULTILINE);

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        String heap = args[1];
        List<Integer> sizes = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            sizes.add(Integer.parseInt(args[i]));
        }
        Path work = Files.createTempDirectory("dspm-bench");
        List<String> rows = new ArrayList<>();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            for (int size : sizes) {
                Process simulator = startSimulator(size);
                try {
                    URI baseUrl = URI.create(awaitReady(simulator));
                    double floor = Math.min(bareDownload(baseUrl), bareDownload(baseUrl));
                    String h2 = "jdbc:h2:file:" + work.resolve("h2-" + size + "/dspm");
                    rows.add(scan(jar, heap, baseUrl, size, "H2", h2, floor, DatabaseFloor.h2(h2)));
                    try (var connection = postgres.getPostgresDatabase().getConnection();
                            var statement = connection.createStatement()) {
                        statement.execute("CREATE DATABASE bench" + size);
                    }
                    String pg = postgres.getJdbcUrl("postgres", "bench" + size);
                    rows.add(scan(jar, heap, baseUrl, size, "PostgreSQL", pg, floor,
                            DatabaseFloor.postgres(pg, work.resolve("copy-" + size + ".txt"))));
                } finally {
                    simulator.destroy();
                    simulator.waitFor();
                }
            }
        }
        System.out.println();
        System.out.printf("%-8s %-11s %9s %9s %9s %9s %9s %10s %15s%n", "shares", "database", "download", "db write",
                "scan (s)", "/download", "/db write", "shares/s", "peak live heap");
        rows.forEach(System.out::println);
    }

    private static Process startSimulator(int size) throws IOException {
        String classpath = System.getProperty("java.class.path");
        return new ProcessBuilder(javaBin(), "-Xmx6g", "-cp", classpath, "dev.dspm.scanner.simulator.SimulatorMain",
                "--shares=" + size, "--seed=42", "--port=0")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static String awaitReady(Process simulator) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(simulator.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("SIMULATOR_READY ")) {
                return line.substring("SIMULATOR_READY ".length()).trim();
            }
        }
        throw new IllegalStateException("the simulator exited before it was ready");
    }

    /** The floor: one connection fetching every page in turn, bodies read and dropped. */
    private static double bareDownload(URI baseUrl) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<long[]> totals = new ArrayList<>();
        for (String type : TYPES) {
            totals.add(new long[] { total(client, baseUrl, type) });
        }
        long start = System.nanoTime();
        for (int t = 0; t < TYPES.length; t++) {
            for (long offset = 0; offset == 0 || offset < totals.get(t)[0]; offset += 1000) {
                client.send(page(baseUrl, TYPES[t], 1000, offset), HttpResponse.BodyHandlers.ofByteArray());
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static long total(HttpClient client, URI baseUrl, String type) throws Exception {
        String body = client.send(page(baseUrl, type, 1, 0), HttpResponse.BodyHandlers.ofString()).body();
        Matcher total = Pattern.compile("\"total\":(\\d+)").matcher(body);
        if (!total.find()) {
            throw new IllegalStateException("no total in " + body);
        }
        return Long.parseLong(total.group(1));
    }

    private static HttpRequest page(URI baseUrl, String type, int limit, long offset) {
        return HttpRequest.newBuilder(baseUrl.resolve("/v2/team.asset.list?asset_type=" + type + "&limit=" + limit
                + "&offset=" + offset)).header("X-API-Key", ManusSimulator.AUDIT_KEY).build();
    }

    private static String scan(String jar, String heap, URI baseUrl, int size, String database, String jdbcUrl,
            double floor, DatabaseFloor databaseFloor) throws Exception {
        boolean h2 = database.equals("H2");
        ProcessBuilder builder = new ProcessBuilder(javaBin(), "-Xmx" + heap, "-jar", jar,
                "--dspm.api.base-url=" + baseUrl, "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + (h2 ? "sa" : "postgres"),
                "--spring.datasource.password=" + (h2 ? "" : "postgres"),
                "--dspm.api.max-requests-per-second=100000", "--dspm.scan.page-size=1000");
        builder.environment().put("MANUS_ASSET_AUDIT_KEY", ManusSimulator.AUDIT_KEY);
        builder.redirectErrorStream(true);
        Process scan = builder.start();
        String output = new String(scan.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = scan.waitFor();
        Matcher summary = SUMMARY.matcher(output);
        Matcher stored = STORED.matcher(output);
        if (exit != 0 || !summary.find() || !stored.find()) {
            System.err.println(output);
            throw new IllegalStateException("the scan into " + database + " failed with exit code " + exit);
        }
        long shares = Long.parseLong(stored.group(1).replace(",", ""));
        if (shares != size) {
            throw new IllegalStateException("the scan into " + database + " stored " + shares + " of " + size + " shares");
        }
        double seconds = Double.parseDouble(summary.group(1));
        double write = databaseFloor.seconds();
        return String.format(Locale.ROOT, "%-8d %-11s %9.2f %9.2f %9.2f %8.2fx %8.2fx %,10.0f %11s MiB", size, database,
                floor, write, seconds, seconds / floor, seconds / write, size / seconds, summary.group(3));
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
