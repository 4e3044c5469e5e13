package dev.dspm.scanner.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.dspm.scanner.bench.ReportTable.Row;
import dev.dspm.scanner.bench.ReportTable.Timed;
import dev.dspm.scanner.report.StandaloneReport;

/**
 * One database's column of the report benchmark: the job (the jar, its own JVM) scans and judges the public tenant
 * into a fresh database and writes its report; then, in turn and each in its own JVM of the benchmark's heap, the
 * floor's read, the floor's plain CSV and the report alone, {@code repetitions} times over, so the machine's load
 * falls on all three alike.
 */
final class ReportRun {

    private static final String DATABASE = "report";

    private final Settings settings;
    private final PublicTenant tenant;
    private final int repetitions;

    ReportRun(Settings settings, PublicTenant tenant, int repetitions) {
        this.settings = settings;
        this.tenant = tenant;
        this.repetitions = repetitions;
    }

    /** Fills the database's column; false, with the failure in it, when a program failed. */
    boolean measure(Database database, Map<Row, String> cells) throws Exception {
        String url = database.create(DATABASE);
        try {
            ChildJvm.Outcome job = ChildJvm.run(ChildJvm.java(settings.heap(), "-jar", settings.jar().toString(),
                    "--dspm.api.base-url=" + tenant.baseUrl(), "--spring.datasource.url=" + url,
                    "--spring.datasource.username=" + database.user(), "--spring.datasource.password=" + database.password(),
                    "--dspm.api.max-requests-per-second=100000",
                    "--dspm.report.dir=" + settings.work().resolve("job-reports-" + database.key())),
                    Map.of("MANUS_ASSET_AUDIT_KEY", Simulator.KEY), log(database, "job"), settings.timeout());
            if (!job.ok()) {
                cells.put(Row.FINDINGS, "job " + job.failure());
                return false;
            }
            // The job's own files are not measured; a million findings make about a gigabyte of them.
            ScanBenchmark.delete(settings.work().resolve("job-reports-" + database.key()));
            long runId;
            long findings;
            double reportStep;
            // Closed before the programs run: an H2 file admits one process at a time.
            try (Connection connection = database.connect(url)) {
                runId = count(connection, "SELECT MAX(run_id) FROM scan_run");
                findings = count(connection, "SELECT COUNT(*) FROM finding WHERE run_id = " + runId);
                long shares = count(connection, "SELECT shares FROM scan_run WHERE run_id = " + runId);
                cells.put(Row.FINDINGS, String.format(Locale.ROOT, "%,d (%,d shares)", findings, shares));
                reportStep = JobReadout.steps(connection).getOrDefault("report", Double.NaN);
            }
            return programs(database, url, runId, findings, cells, reportStep);
        } finally {
            database.drop(DATABASE);
        }
    }

    private boolean programs(Database database, String url, long runId, long findings, Map<Row, String> cells,
            double reportStep) throws Exception {
        Series read = new Series();
        Series csv = new Series();
        Series report = new Series();
        Series first = new Series();
        long jsonBytes = 0;
        long ocsfBytes = 0;
        long sarifBytes = 0;
        List<String> connection = List.of(url, database.user(), database.password(), Long.toString(runId));
        Path results = results();
        Path floorFile = settings.work().resolve("floor.csv");
        for (int i = 1; i <= repetitions; i++) {
            for (Row row : List.of(Row.READ, Row.CSV)) {
                String mode = row == Row.READ ? "read" : "csv";
                ChildJvm.Outcome floor = child(database, "floor-" + mode + "-" + i, PlainCsvFloor.class,
                        List.of(List.of(mode), connection, List.of(floorFile.toString(), results.toString())));
                if (!floor.ok()) {
                    cells.put(row, floor.failure());
                    return false;
                }
                Map<String, Long> figures = ProgramResults.read(results);
                long rows = ProgramResults.figure(figures, ProgramResults.ROWS);
                if (rows != findings) {
                    cells.put(row, String.format(Locale.ROOT, "FAILED: %,d rows of %,d findings", rows, findings));
                    return false;
                }
                (row == Row.READ ? read : csv).add(floor, figures);
            }
            Path firstReports = settings.work().resolve("reports-first-" + i);
            ChildJvm.Outcome firstFour = child(database, "report-first-" + i, StandaloneReport.class,
                    List.of(connection, List.of(firstReports.toString(), results.toString(), "first")));
            if (!firstFour.ok()) {
                cells.put(Row.REPORT_FIRST, firstFour.failure());
                return false;
            }
            first.add(firstFour, ProgramResults.read(results));
            ScanBenchmark.delete(firstReports);
            Path reports = settings.work().resolve("reports-" + i);
            ChildJvm.Outcome alone = child(database, "report-" + i, StandaloneReport.class,
                    List.of(connection, List.of(reports.toString(), results.toString())));
            if (!alone.ok()) {
                cells.put(Row.REPORT, alone.failure());
                return false;
            }
            report.add(alone, ProgramResults.read(results));
            Path written = reports.resolve(Long.toString(runId));
            cells.put(Row.FILES, String.join(" / ", ReportTable.megabytes(Files.size(written.resolve("report.html"))),
                    ReportTable.megabytes(Files.size(written.resolve("report.json"))),
                    ReportTable.megabytes(Files.size(written.resolve("report.csv")))) + "; "
                    + ReportTable.megabytes(Files.size(floorFile)));
            jsonBytes = Files.size(written.resolve("report.json"));
            ocsfBytes = Files.size(written.resolve("findings.ocsf.jsonl"));
            sarifBytes = Files.size(written.resolve("report.sarif"));
            // A million findings make about a gigabyte of files a repetition; the next one writes them afresh.
            ScanBenchmark.delete(reports);
            Files.delete(floorFile);
        }
        ReportTable.fill(cells, read.timed(), csv.timed(), report.timed(), reportStep);
        ReportTable.standard(cells, first.timed(), report.timed(), csv.timed().median(), findings, jsonBytes, ocsfBytes,
                sarifBytes);
        return true;
    }

    /** One program's repetitions: their times, and the largest peak live heap (its own figure) and peak RSS (from outside). */
    private static final class Series {
        private final List<Double> seconds = new ArrayList<>();
        private long peakLiveHeap;
        private long peakRss;

        void add(ChildJvm.Outcome outcome, Map<String, Long> figures) {
            seconds.add(outcome.seconds());
            peakLiveHeap = Math.max(peakLiveHeap, ProgramResults.figure(figures, ProgramResults.PEAK_LIVE_HEAP));
            peakRss = Math.max(peakRss, outcome.peakRssBytes());
        }

        Timed timed() {
            return new Timed(seconds, peakLiveHeap, peakRss);
        }
    }

    /** {@code java -Xmx<heap> <program> <args...>}, the harness's logging settings, its classpath. */
    private ChildJvm.Outcome child(Database database, String what, Class<?> program, List<List<String>> args)
            throws Exception {
        // A program that wrote nothing must not be read as the one before it.
        Files.deleteIfExists(results());
        List<String> command = ChildJvm.java(settings.heap(), "-Dlogback.configurationFile=bench/logback.xml", "-cp",
                System.getProperty("java.class.path"), program.getName());
        args.forEach(command::addAll);
        return ChildJvm.run(command, Map.of(), log(database, what), settings.timeout());
    }

    private Path results() {
        return settings.work().resolve("results");
    }

    private Path log(Database database, String what) {
        return settings.logs().resolve("report-" + database.key() + "-" + what + ".log");
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
