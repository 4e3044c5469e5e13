package dev.dspm.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.Snapshot;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.bench.ProgramResults;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/** The benchmark's report program writes a judged run's three files, every finding in them, and reports its heap. */
class StandaloneReportTests {

    @TempDir
    Path dir;

    @Test
    void writesTheRunsThreeFilesOutsideTheJobAndItsPeakLiveHeap() throws Exception {
        String url = TestDatabases.h2(dir);
        try (ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(7L, 400)))) {
            assertThat(JobRun.against(simulator, url, "--dspm.report.dir=" + dir.resolve("job-reports"))).isZero();
        }
        long runId = Snapshot.latestRun(url);
        long findings = Snapshot.single(url, "SELECT COUNT(*) FROM finding WHERE run_id = ?", runId);
        assertThat(findings).isPositive();
        Path reports = dir.resolve("bench-reports");
        Path results = dir.resolve("results");

        StandaloneReport.main(new String[] { url, "sa", "", Long.toString(runId), reports.toString(), results.toString() });

        Path written = reports.resolve(Long.toString(runId));
        assertThat(ReportFiles.csv(written.resolve(CsvFile.NAME))).as("the header and one record per finding")
                .hasSize((int) findings + 1);
        assertThat(ReportFiles.json(written.resolve(JsonFile.NAME)).get("findings").size()).isEqualTo((int) findings);
        assertThat(Files.size(written.resolve(HtmlFile.NAME))).isPositive();
        assertThat(reports.resolve(RunReport.LATEST).resolve(CsvFile.NAME)).hasSameBinaryContentAs(written.resolve(CsvFile.NAME));
        assertThat(ProgramResults.figure(ProgramResults.read(results), ProgramResults.PEAK_LIVE_HEAP)).isPositive();
    }
}
