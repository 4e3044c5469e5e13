package dev.dspm.scanner.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.ChildRun;
import dev.dspm.scanner.SystemTest;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;

/**
 * A whole run, in a JVM of its own, whose PostgreSQL goes away mid-scan: the run is told within seconds
 * that its lock cannot be kept, stops, and exits 1 in seconds, not minutes, whether the database stopped
 * or hung (no answer, no reset: threads blocked on it are freed by closing the pool under them).
 */
@SystemTest
class DatabaseLossTests {

    static final String LOST = "the database has not confirmed the run lock of ";

    @TempDir
    Path dir;

    ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(RunLockTests.SPEC));
    Process run;

    @AfterEach
    void stop() throws InterruptedException {
        if (run != null) {
            run.destroyForcibly().waitFor();
        }
        simulator.close();
    }

    @Test
    void aRunWhoseDatabaseStopsIsToldWithinSecondsAndFailsWithinSeconds() throws Exception {
        try (VanishingPostgres postgres = new VanishingPostgres(dir.resolve("pg"))) {
            startMidScan(postgres.jdbcUrl());
            long lost = System.nanoTime();
            postgres.stop();

            assertThat(secondsUntilLogged(LOST, lost, Duration.ofSeconds(15))).as(this::childLog).isLessThan(15);
            assertEndsWithinSeconds(lost);
        }
    }

    @Test
    void aRunWhoseDatabaseHangsIsToldWithinSecondsAndEndsWithinSeconds() throws Exception {
        try (VanishingPostgres postgres = new VanishingPostgres(dir.resolve("pg"))) {
            startMidScan(postgres.jdbcUrl());
            long lost = System.nanoTime();
            postgres.hang();

            assertThat(secondsUntilLogged(LOST, lost, Duration.ofSeconds(15))).as(this::childLog).isLessThan(15);
            assertEndsWithinSeconds(lost);
        }
    }

    /** Ended, exit 1, with the cause as its last line, and no request sent once the lock was lost. */
    private void assertEndsWithinSeconds(long lost) throws Exception {
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).as(this::childLog).isTrue();
        assertThat((System.nanoTime() - lost) / 1e9).as("seconds from the loss to the end").isLessThan(30);
        assertThat(run.exitValue()).isEqualTo(1);
        List<String> lines = Files.readAllLines(dir.resolve("child.log"));
        assertThat(lines.get(lines.size() - 1)).as(this::childLog).startsWith("dspm-scanner: ").contains("stopped (" + LOST);
        assertThat(lines).as("no stack trace at the default log level").noneMatch(line -> line.startsWith("\tat ")
                || line.startsWith("Caused by:"));
    }

    private void startMidScan(String db) throws Exception {
        simulator.faults().delayNext(Duration.ofMillis(300), 100_000);
        run = ChildRun.midScan(simulator, db, dir.resolve("child.log"), 12, "--dspm.scan.page-size=10",
                "--dspm.scan.commit-interval=20");
    }

    private String childLog() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("child.log"));
            return "the run's log ends:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "the run's log cannot be read: " + e;
        }
    }

    private double secondsUntilLogged(String text, long since, Duration limit) throws IOException, InterruptedException {
        long deadline = since + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(dir.resolve("child.log")).contains(text)) {
                return (System.nanoTime() - since) / 1e9;
            }
            Thread.sleep(50);
        }
        return Double.POSITIVE_INFINITY;
    }
}
