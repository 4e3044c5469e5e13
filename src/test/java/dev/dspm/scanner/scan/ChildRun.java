package dev.dspm.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.dspm.scanner.simulator.ManusSimulator;

/** The real application in a JVM of its own, as cron or Kubernetes starts it: to be signalled or killed. */
final class ChildRun {

    private ChildRun() {
    }

    /** Starts a run against the simulator and returns once it has sent {@code requests} requests. */
    static Process midScan(ManusSimulator simulator, String db, Path log, int requests, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.dspm.scanner.DspmScannerApplication",
                "--dspm.api.base-url=" + simulator.baseUrl(), "--spring.datasource.url=" + db,
                "--spring.datasource.username=" + TestDatabases.user(db),
                "--spring.datasource.password=" + TestDatabases.password(db)));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("MANUS_ASSET_AUDIT_KEY", ManusSimulator.AUDIT_KEY);
        Process run = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (simulator.requestCount() < requests && System.nanoTime() < deadline && run.isAlive()) {
            Thread.sleep(20);
        }
        assertThat(run.isAlive()).as("the child run is mid-scan").isTrue();
        return run;
    }
}
