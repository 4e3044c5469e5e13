package dev.dspm.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.dspm.scanner.simulator.ManusSimulator;

/** The real application in a JVM of its own, as cron or Kubernetes starts it: to be signalled or killed. */
public final class ChildRun {

    private ChildRun() {
    }

    /** Starts a run against the simulator and returns once it has sent {@code requests} requests. */
    public static Process midScan(ManusSimulator simulator, String db, Path log, int requests, String... args) throws Exception {
        Process run = start(simulator, db, log, args);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (simulator.requestCount() < requests && System.nanoTime() < deadline && run.isAlive()) {
            Thread.sleep(20);
        }
        assertThat(run.isAlive()).as("the child run is mid-scan").isTrue();
        return run;
    }

    /**
     * Starts a run and returns once its job is in {@code step}, as Spring Batch's tables say: a PostgreSQL database,
     * since the child holds an H2 file alone.
     */
    public static Process midStep(ManusSimulator simulator, String db, Path log, String step, String... args) throws Exception {
        Process run = start(simulator, db, log, args);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline && run.isAlive() && inStep(db, step) == 0) {
            Thread.sleep(20);
        }
        assertThat(run.isAlive()).as("the child run is in step " + step).isTrue();
        return run;
    }

    private static long inStep(String db, String step) {
        try {
            return Snapshot.single(db, "SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = ? AND STATUS = 'STARTED'",
                    step);
        } catch (java.sql.SQLException e) {
            return 0; // the schema is not there yet
        }
    }

    private static Process start(ManusSimulator simulator, String db, Path log, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.dspm.scanner.DspmScannerApplication",
                "--dspm.api.base-url=" + simulator.baseUrl(), "--spring.datasource.url=" + db,
                "--spring.datasource.username=" + TestDatabases.user(db),
                "--spring.datasource.password=" + TestDatabases.password(db)));
        // The test's own folder unless it names one (a setting given twice is refused): a report folder belongs to one
        // database (.dspm-database), and each test has its own.
        if (List.of(args).stream().noneMatch(arg -> arg.startsWith("--dspm.report.dir="))) {
            command.add("--dspm.report.dir=" + log.toAbsolutePath().getParent().resolve("reports"));
        }
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("MANUS_ASSET_AUDIT_KEY", ManusSimulator.AUDIT_KEY);
        return builder.start();
    }
}
