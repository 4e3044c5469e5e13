package dev.dspm.scanner.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.dspm.scanner.simulator.ManusSimulator;

/**
 * The evaluate step as users wait for it: the whole job (the jar, in its own JVM at the benchmark's heap) scans
 * the same simulated tenant the floor judged into a database, then the step's own time comes from Spring
 * Batch's step table. Twice: the first night (every finding new) and the second (each matched with the
 * first night's findings, the steady state of a nightly job).
 */
final class StepRun {

    private final Path jar;
    private final String heap;
    private final Simulator simulator;
    private final Path logs;
    private final Duration timeout;
    private final Path work;

    StepRun(Path jar, String heap, Simulator simulator, Path logs, Duration timeout, Path work) {
        this.jar = jar;
        this.heap = heap;
        this.simulator = simulator;
        this.logs = logs;
        this.timeout = timeout;
        this.work = work;
    }

    /** Adds the database's rows to the table; false when a job failed. */
    boolean measure(Database database, EvaluationTable table) throws Exception {
        String url = database.create("evaluate");
        try {
            for (String night : List.of("first night", "second night")) {
                ChildJvm.Outcome job = ChildJvm.run(ChildJvm.java(heap, "-jar", jar.toString(),
                        "--dspm.api.base-url=" + simulator.baseUrl(), "--spring.datasource.url=" + url,
                        "--spring.datasource.username=" + database.user(), "--spring.datasource.password=" + database.password(),
                        "--dspm.api.max-requests-per-second=100000",
                        // each database its own report folder: a folder holds one database's reports (ReportFolder)
                        "--dspm.report.dir=" + work.resolve("reports-" + database.key())),
                        // with owner enrichment, as the production night runs: the evaluation joins every share's owner
                        Map.of("MANUS_ASSET_AUDIT_KEY", Simulator.KEY, "MANUS_USER_MGMT_KEY", ManusSimulator.USER_KEY),
                        logs.resolve("evaluate-job-" + database.key() + "-" + night.replace(' ', '-') + ".log"), timeout);
                if (!job.ok()) {
                    table.note("step evaluate, " + database.label() + ", " + night, job.failure());
                    return false;
                }
                try (Connection connection = database.connect(url)) {
                    Map<String, Double> steps = JobReadout.steps(connection);
                    long shares = count(connection, "SELECT shares FROM scan_run WHERE run_id = (SELECT MAX(run_id) FROM scan_run)");
                    long findings = count(connection, "SELECT COUNT(*) FROM finding WHERE run_id = (SELECT MAX(run_id) FROM scan_run)");
                    double seconds = steps.get("evaluate");
                    long members = count(connection, "SELECT COUNT(*) FROM run_owner WHERE run_id = (SELECT MAX(run_id) FROM scan_run)");
                    table.add(String.format(Locale.ROOT, "step evaluate, %s, %s: read, judge, write %,d findings (job: %.1f s)",
                            database.label(), night, findings, job.seconds()), seconds, shares / seconds, "", Double.NaN);
                    table.add(String.format(Locale.ROOT, "· step owners before it: list and store %,d members", members),
                            steps.get("owners"), Double.NaN, "", Double.NaN);
                }
            }
            return true;
        } finally {
            database.drop("evaluate");
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
