package dev.dspm.scanner.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.Snapshot;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.scan.ScanJobConfigurationTests;
import dev.dspm.scanner.scan.SharePageReader;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.RecordedRequest;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;
import dev.dspm.scanner.snapshot.RunTables;

/**
 * Resuming a run that died half-way. Proven by counts, never by the job's status alone: Spring Batch
 * has had releases where a restarted partitioned step said COMPLETED without running its partitions.
 */
class ScanLaunchTests {

    static final TenantSpec SPEC = new TenantSpec(11L, Map.of(
            ScanJobConfigurationTests.COLLABORATION, 900, ScanJobConfigurationTests.SESSION, 650,
            ScanJobConfigurationTests.FILE, 1400, ScanJobConfigurationTests.WEBSITE, 380,
            ScanJobConfigurationTests.PROJECT, 270), 30, 0.2, 0.05, 0.05, 0.0);

    @TempDir
    Path dir;

    ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(SPEC));

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void aRunKilledHalfWayAndRestartedEndsWithExactlyTheCleanSnapshot() throws Exception {
        String db = TestDatabases.h2(dir);
        // Nine pages succeed, then the API fails every request until the "outage" ends.
        simulator.faults().failAfter(9, 500, Integer.MAX_VALUE);

        int failed = JobRun.against(simulator, db, "--dspm.scan.page-size=100", "--dspm.api.max-attempts=2",
                "--dspm.scan.threads=2");

        assertThat(failed).isEqualTo(1);
        long runId = Snapshot.latestRun(db);
        long storedBefore = Snapshot.single(db, "SELECT COUNT(*) FROM " + RunTables.name(runId));
        assertThat(storedBefore).isBetween(1L, 3599L);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_run WHERE run_id = ? AND status = 'FAILED'", runId))
                .isEqualTo(1);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM share_snapshot WHERE run_id = ?", runId))
                .as("readers see sealed runs only").isZero();
        Map<String, List<Integer>> requestedBefore = pageOffsetsRequested(simulator.requests());

        simulator.faults().clear();
        int before = simulator.requestCount();
        int resumed = JobRun.against(simulator, db, "--dspm.scan.page-size=100", "--dspm.api.max-attempts=2",
                "--dspm.scan.threads=2");

        assertThat(resumed).isZero();
        assertThat(Snapshot.latestRun(db)).as("the same run resumed, not a new one").isEqualTo(runId);
        List<String> all = ScanJobConfigurationTests.ALL_TYPES;
        assertThat(Snapshot.shares(db, runId)).containsExactlyElementsOf(Snapshot.expected(simulator.tenant(), all));
        for (String type : all) {
            String name = type.substring("ASSET_TYPE_".length());
            long size = simulator.tenant().size(type);
            assertThat(Snapshot.single(db, "SELECT COUNT(DISTINCT uid) FROM share_snapshot WHERE run_id = ? AND asset_type = ?",
                    runId, name)).as(name).isEqualTo(size);
            // Shares committed across both executions add up to the type's size exactly: the resumed
            // partition started where the dead one last committed, and every partition did run.
            assertThat(Snapshot.single(db, "SELECT shares_read FROM scan_partition WHERE run_id = ? AND partition_key = ?",
                    runId, name)).as("committed shares of " + name).isEqualTo(size);
            // Batch's own count of committed pages agrees (one empty page more if a partition had committed
            // its last page but not finished).
            assertThat(Snapshot.single(db, """
                    SELECT COALESCE(SUM(s.WRITE_COUNT), 0) FROM BATCH_STEP_EXECUTION s
                    JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID
                    WHERE e.JOB_INSTANCE_ID = ? AND s.STEP_NAME = ?""", runId, "scanPartition:" + name))
                    .as("committed pages of " + name).isBetween(Math.max(1, (size + 99) / 100), Math.max(1, (size + 99) / 100) + 1);
        }
        // The README's promise: a resumed partition asks again for at most one commit interval (one page
        // here) plus the pages it had fetched ahead.
        pageOffsetsRequested(simulator.requests().subList(before, simulator.requestCount())).forEach((type, offsets) -> assertThat(offsets.stream()
                .filter(offset -> requestedBefore.getOrDefault(type, List.of()).contains(offset)).count())
                .as("pages of " + type + " asked for again").isLessThanOrEqualTo(1 + SharePageReader.MOST_AHEAD));
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_partition WHERE run_id = ? AND complete", runId))
                .isEqualTo(5);
        long fullScanRequests = 9 + 7 + 14 + 4 + 3;
        assertThat(simulator.requestCount() - before).as("the resumed run did not start over")
                .isLessThan((int) fullScanRequests);
    }

    @Test
    void aFailedRunIsNotResumedWhenResumeIsSwitchedOff() throws Exception {
        String db = TestDatabases.h2(dir);
        simulator.faults().failAfter(3, 503, Integer.MAX_VALUE);
        assertThat(JobRun.against(simulator, db, "--dspm.api.max-attempts=1", "--dspm.scan.page-size=200")).isEqualTo(1);
        long failedRun = Snapshot.latestRun(db);
        simulator.faults().clear();

        assertThat(JobRun.against(simulator, db, "--dspm.scan.resume-within=PT0S", "--dspm.scan.page-size=200")).isZero();

        long freshRun = Snapshot.latestRun(db);
        assertThat(freshRun).isNotEqualTo(failedRun);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM share_snapshot WHERE run_id = ?", freshRun)).isEqualTo(3600);
    }

    /** A run of another team, scope or key, or one too old, is never continued: its rows would mix in. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "another scope  | --dspm.scan.asset-types=FILE_SHARE,SESSION_SHARE,SESSION_COLLABORATION,WEBSITE_PUBLISH",
            "another key    | --MANUS_ASSET_AUDIT_KEY=" + ManusSimulator.MGMT_KEY,
            "another tenant | --dspm.tenant=another-team",
            "too old        | --dspm.scan.resume-within=PT1S" })
    void aFailedRunIsNotResumedBy(String name, String differs) throws Exception {
        String db = TestDatabases.h2(dir);
        simulator.faults().failAfter(5, 503, Integer.MAX_VALUE);
        assertThat(JobRun.against(simulator, db, "--dspm.api.max-attempts=1", "--dspm.scan.page-size=100")).isEqualTo(1);
        long failedRun = Snapshot.latestRun(db);
        simulator.faults().clear();
        Thread.sleep(name.equals("too old") ? 1100 : 0);

        assertThat(JobRun.against(simulator, db, "--dspm.scan.page-size=100", differs)).isZero();

        long freshRun = Snapshot.latestRun(db);
        assertThat(freshRun).isNotEqualTo(failedRun);
        List<String> types = name.equals("another scope") ? List.of(ScanJobConfigurationTests.FILE,
                ScanJobConfigurationTests.SESSION, ScanJobConfigurationTests.COLLABORATION, ScanJobConfigurationTests.WEBSITE)
                : ScanJobConfigurationTests.ALL_TYPES;
        assertThat(Snapshot.shares(db, freshRun)).containsExactlyElementsOf(Snapshot.expected(simulator.tenant(), types));
    }

    /** Page offsets asked for (and answered) per asset type. */
    private static Map<String, List<Integer>> pageOffsetsRequested(List<RecordedRequest> requests) {
        return requests.stream()
                .filter(r -> r.status() == 200 && "100".equals(r.query().get("limit")))
                .collect(Collectors.groupingBy(r -> r.query().get("asset_type").substring("ASSET_TYPE_".length()),
                        Collectors.mapping(r -> Integer.parseInt(r.query().get("offset")), Collectors.toList())));
    }
}
