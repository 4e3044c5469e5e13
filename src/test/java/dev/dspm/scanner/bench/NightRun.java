package dev.dspm.scanner.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.dspm.scanner.simulator.ManusSimulator;

/**
 * The whole night as a user runs it, into one database, twice: the jar in its own JVM at the benchmark's heap, the
 * default pack, owners on (the user management key set), remediation in its default plan mode, reports into a
 * folder of this database's own; night 2 is the same command the next night, matched with night 1's findings.
 * Each night's steps are read from Spring Batch's step table, partitions left out (they run inside "scan").
 */
final class NightRun {

    /** The environment of the job: both keys, so the owners step lists the team's members. */
    static final Map<String, String> KEYS = Map.of("MANUS_ASSET_AUDIT_KEY", ManusSimulator.AUDIT_KEY,
            "MANUS_USER_MGMT_KEY", ManusSimulator.USER_KEY);

    /**
     * One night: the whole process's time, its steps' times in start order, its report files' sizes, and the report's
     * floor: that night's finding rows written as plain CSV (PlainCsvFloor, its own JVM, start to exit), in seconds; and
     * the CPU seconds the job's JVM and the database's server took during the night (NaN for H2's, which is the job's).
     */
    record Night(ChildJvm.Outcome outcome, Map<String, Double> steps, long findings, Map<String, Long> files,
            double reportFloor, double jobCpu, double serverCpu) {
    }

    private final Settings settings;
    private final Database database;
    private final Simulator simulator;
    private final int size;
    private final List<String> jvmOptions;

    /** {@code jvmOptions}: the job's own JVM options besides the heap (a JIT flag to weigh against a night), often none. */
    NightRun(Settings settings, Database database, Simulator simulator, int size, List<String> jvmOptions) {
        this.settings = settings;
        this.database = database;
        this.simulator = simulator;
        this.size = size;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** The database's bulk load of the prepared rows into an unindexed table, in seconds (BulkLoad, its own JVM). */
    double bulkLoad(Path rows) throws Exception {
        String name = "floor" + size;
        List<String> command = ChildJvm.java(settings.heap(), "-cp", System.getProperty("java.class.path"),
                BulkLoad.class.getName(), rows.toString(), database.create(name), database.user(), database.password());
        ChildJvm.Outcome outcome = ChildJvm.run(command, Map.of(), settings.log(size, database, "bulk-load"),
                settings.timeout());
        database.drop(name);
        if (!outcome.ok()) {
            throw new IllegalStateException("the bulk load " + outcome.failure());
        }
        return Double.parseDouble(Files.readAllLines(outcome.log()).stream().filter(line -> line.startsWith("BULK_LOAD "))
                .findFirst().orElseThrow().split(" ")[1]);
    }

    /** Night 1 and night 2 into a fresh database; a night that failed is returned with its outcome, the rest skipped. */
    List<Night> nights(int count) throws Exception {
        String name = "night" + size;
        String url = database.create(name);
        Path reports = settings.work().resolve("reports-" + database.key());
        List<Night> nights = new ArrayList<>();
        try {
            for (int night = 1; night <= count; night++) {
                List<String> command = ChildJvm.java(settings.heap(), jvmOptions.toArray(String[]::new));
                command.addAll(List.of("-jar", settings.jar().toString(),
                        "--dspm.api.base-url=" + simulator.baseUrl(), "--spring.datasource.url=" + url,
                        "--spring.datasource.username=" + database.user(),
                        "--spring.datasource.password=" + database.password(),
                        "--dspm.api.max-requests-per-second=100000", "--dspm.report.dir=" + reports));
                double jobCpu = CpuTime.endedChildren();
                double serverCpu = database.serverCpu(url);
                ChildJvm.Outcome outcome = ChildJvm.run(command, KEYS, settings.log(size, database, "night-" + night),
                        settings.timeout());
                jobCpu = CpuTime.endedChildren() - jobCpu;
                serverCpu = database.serverCpu(url) - serverCpu;
                long runId;
                Map<String, Double> steps;
                long findings;
                try (Connection connection = database.connect(url)) {
                    runId = JobReadout.count(connection, "SELECT MAX(run_id) FROM scan_run");
                    steps = JobReadout.steps(connection);
                    findings = JobReadout.count(connection, "SELECT COUNT(*) FROM finding WHERE run_id = " + runId);
                }
                // after the connection is closed: an H2 file admits one process at a time
                nights.add(new Night(outcome, steps, findings, files(reports.resolve("latest")),
                        outcome.ok() ? csvFloor(url, runId, night) : Double.NaN, jobCpu, serverCpu));
                if (!outcome.ok()) {
                    break;
                }
                if (night < count && database instanceof Database.Postgres) {
                    dayBetween(url);
                }
            }
        } finally {
            database.drop(name);
            if (Files.exists(reports)) {
                ScanBenchmark.delete(reports);
            }
        }
        return nights;
    }

    /**
     * What the day between two nights does to a PostgreSQL database: autovacuum vacuums and analyzes the tables the
     * night filled (half a million dead staged findings, a million fresh rows elsewhere). Run back to back, night 2
     * would meet that work at whatever point it had reached; a real night starts after it. Timed apart, not part of a
     * night.
     */
    private void dayBetween(String url) throws Exception {
        long start = System.nanoTime();
        try (Connection connection = database.connect(url); var statement = connection.createStatement()) {
            statement.execute("VACUUM (ANALYZE)");
        }
        System.err.printf("bench: %,d shares: %s: the day between the nights: VACUUM (ANALYZE) %.1f s%n", size,
                database.label(), (System.nanoTime() - start) / 1e9);
    }

    /** The run's finding rows written as plain CSV, as the report benchmark's floor, in seconds from JVM start to exit. */
    private double csvFloor(String url, long runId, int night) throws Exception {
        Path csv = settings.work().resolve("floor-findings.csv");
        Path results = settings.work().resolve("floor-findings.results");
        ChildJvm.Outcome floor = ChildJvm.run(ChildJvm.java(settings.heap(), "-cp", System.getProperty("java.class.path"),
                PlainCsvFloor.class.getName(), "csv", url, database.user(), database.password(), Long.toString(runId),
                csv.toString(), results.toString()), Map.of(), settings.log(size, database, "csv-floor-" + night),
                settings.timeout());
        Files.deleteIfExists(csv);
        return floor.ok() ? floor.seconds() : Double.NaN;
    }

    private static Map<String, Long> files(Path latest) throws IOException {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String file : List.of("report.json", "report.csv", "remediation.csv")) {
            Path path = latest.resolve(file);
            sizes.put(file, Files.exists(path) ? Files.size(path) : -1);
        }
        return sizes;
    }
}
