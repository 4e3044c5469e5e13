package dev.dspm.scanner.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.dspm.scanner.ChildRun;
import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.Snapshot;
import dev.dspm.scanner.SystemTest;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.scan.ScanJobConfigurationTests;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * SIGTERM, what Kubernetes and cron timeouts send, to a real child JVM mid-scan: it stops requesting at
 * once, marks the run stopped, releases its lock and exits 1 within seconds with one clear line; the
 * next start, right away, resumes the run into exactly the clean snapshot.
 */
@SystemTest
class RunStopTests {

    @TempDir
    Path dir;

    ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(ScanLaunchTests.SPEC));

    @AfterEach
    void stop() {
        simulator.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void sigtermStopsTheRunCleanlyAndTheNextStartResumesItAtOnce(String kind) throws Exception {
        String db = TestDatabases.of(kind, dir);
        simulator.faults().delayNext(Duration.ofMillis(100), 10_000);
        Path log = dir.resolve("child.log");
        Process child = ChildRun.midScan(simulator, db, log, 8, "--dspm.scan.page-size=100", "--dspm.scan.threads=2");

        long signalled = System.nanoTime();
        child.destroy(); // SIGTERM
        boolean exited = child.waitFor(20, TimeUnit.SECONDS);
        long stoppedWithin = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);

        assertThat(exited).as("exited inside Kubernetes' 30 s grace period").isTrue();
        assertThat(stoppedWithin).as("stopped within seconds").isLessThan(10_000);
        assertThat(child.exitValue()).isEqualTo(1);
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(lines.get(lines.size() - 1)).startsWith("dspm-scanner: run ").contains("stopped (SIGTERM)")
                .contains("the next start resumes it");
        // A request in the making when the signal came may still arrive; none may be started after it.
        assertThat(simulator.requests()).filteredOn(r -> r.receivedAtNanos() > signalled + Duration.ofMillis(300).toNanos())
                .as("no request sent after the signal").isEmpty();
        long runId = Snapshot.latestRun(db);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_run WHERE run_id = ? AND status = 'STOPPED'", runId))
                .isEqualTo(1);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM run_lock")).as("the lock is released").isZero();
        simulator.faults().clear();

        int resumed = JobRun.against(simulator, db, "--dspm.scan.page-size=100", "--dspm.scan.threads=2");

        assertThat(resumed).isZero();
        assertThat(Snapshot.latestRun(db)).as("the stopped run was resumed, not replaced").isEqualTo(runId);
        assertThat(Snapshot.shares(db, runId))
                .containsExactlyElementsOf(Snapshot.expected(simulator.tenant(), ScanJobConfigurationTests.ALL_TYPES));
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_run WHERE run_id = ? AND complete AND status = 'COMPLETED'",
                runId)).isEqualTo(1);
    }

    /**
     * SIGTERM once the scan is sealed, while the snapshot is judged: the evaluation stops at its next chunk and no
     * later step starts (no remediation, no report), the run ends STOPPED with exit 1, and the next start judges it.
     */
    @Test
    void sigtermMidEvaluateStartsNoLaterStepAndTheNextStartJudgesTheRun() throws Exception {
        String db = TestDatabases.postgres();
        try (ManusSimulator big = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(17L, BIG)))) {
            Path log = dir.resolve("child.log");
            Process child = ChildRun.midStep(big, db, log, "evaluate", "--dspm.remediation.grace-period=PT0S");

            child.destroy(); // SIGTERM
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).as("exited within seconds").isTrue();

            assertThat(child.exitValue()).as(Files.readString(log)).isEqualTo(1);
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            assertThat(lines.get(lines.size() - 1)).startsWith("dspm-scanner: run 1 stopped (SIGTERM)");
            assertThat(Snapshot.text(db, "SELECT STATUS FROM BATCH_JOB_EXECUTION")).isEqualTo("STOPPED");
            assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME IN "
                    + "('findings', 'remediation', 'report', 'retention')")).as("no step after the evaluation").isZero();
            assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM run_remediation")).isZero();
            assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM run_lock")).as("the lock is released").isZero();
            int requests = big.requestCount();

            assertThat(JobRun.against(big, db)).isZero();

            assertThat(Snapshot.latestRun(db)).as("the same run, judged").isEqualTo(1);
            assertThat(big.requestCount() - requests).as("the sealed scan is not read again: the key check alone")
                    .isEqualTo(1);
            assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_run WHERE run_id = 1 AND evaluated_at IS NOT NULL"))
                    .isEqualTo(1);
        }
    }

    /** SIGTERM to {@code --rejudge} mid-evaluation: handled like a scan's, and the same command run again finishes it. */
    @Test
    void sigtermMidRejudgeStopsItCleanlyAndTheSameCommandFinishesIt() throws Exception {
        String db = TestDatabases.postgres();
        try (ManusSimulator big = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(17L, BIG)))) {
            assertThat(JobRun.against(big, db)).isZero();
            long findings = Snapshot.single(db, "SELECT COUNT(*) FROM finding WHERE run_id = 1");
            Path log = dir.resolve("rejudge.log");
            Process child = ChildRun.midStep(big, db, log, "evaluate", "--rejudge=1");

            child.destroy(); // SIGTERM
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).as("exited within seconds").isTrue();

            assertThat(child.exitValue()).as(Files.readString(log)).isEqualTo(1);
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            assertThat(lines.get(lines.size() - 1)).isEqualTo("dspm-scanner: re-judging run 1 stopped (SIGTERM); --rejudge=1 "
                    + "judges it again");
            assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM run_lock")).as("the lock is released").isZero();

            assertThat(JobRun.against(big, db, "--rejudge=1")).isZero();
            assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM finding WHERE run_id = 1")).isEqualTo(findings);
        }
    }

    /** Shares enough that judging them takes the seconds a signal needs to land mid-evaluation. */
    static final int BIG = 60_000;
}
