package dev.dspm.scanner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.Snapshot;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/** The floor reads every finding row of the run, in key order, and writes each as one line under a header. */
class PlainCsvFloorTests {

    @TempDir
    static Path dir;

    static String url;
    static long runId;
    static long findings;

    @BeforeAll
    static void judgeAPublicTenant() throws Exception {
        TenantSpec spec = PublicTenant.spec(300);
        // No hostile names: one with a line break would make two lines of one row in a file that does not quote.
        TenantSpec plain = new TenantSpec(spec.seed(), spec.sharesPerType(), spec.owners(), spec.publicShare(),
                spec.staleShare(), 0, spec.unknownEnumShare());
        url = TestDatabases.h2(dir);
        try (ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(plain))) {
            assertThat(JobRun.against(simulator, url, "--dspm.report.dir=" + dir.resolve("reports"))).isZero();
        }
        runId = Snapshot.latestRun(url);
        findings = Snapshot.single(url, "SELECT COUNT(*) FROM finding WHERE run_id = ?", runId);
        assertThat(findings).as("every share is public: each is a finding at least once").isGreaterThanOrEqualTo(300);
    }

    @Test
    void writesTheHeaderThenOneLinePerFindingInKeyOrder() {
        StringWriter out = new StringWriter();
        long rows;
        try (SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url, "sa", "", true)) {
            rows = PlainCsvFloor.copy(dataSource, runId, out);
        }

        List<String> lines = out.toString().lines().toList();
        assertThat(rows).isEqualTo(findings);
        assertThat(lines).hasSize((int) findings + 1);
        assertThat(lines.get(0)).startsWith("run_id,share_uid,policy_id,status,severity,").endsWith(",resolution");
        int columns = lines.get(0).split(",").length;
        List<String> keys = lines.subList(1, lines.size()).stream().map(line -> {
            String[] fields = line.split(",", -1);
            assertThat(fields).as(line).hasSize(columns);
            assertThat(fields[0]).isEqualTo(Long.toString(runId));
            return fields[1] + " " + fields[2];
        }).toList();
        assertThat(keys).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void readingOnlyCountsTheSameRowsAndWritesNothing() {
        try (SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url, "sa", "", true)) {
            assertThat(PlainCsvFloor.copy(dataSource, runId, null)).isEqualTo(findings);
        }
    }
}
