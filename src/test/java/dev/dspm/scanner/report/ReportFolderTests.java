package dev.dspm.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.Console;
import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/** Two databases, one report folder: the second would have replaced the first's reports/1/ without a word. */
class ReportFolderTests {

    @TempDir
    Path dir;

    @Test
    void aSecondDatabaseIsRefusedTheFolderBeforeAnyRequestAndTheFirstKeepsItsReports() throws Exception {
        Path reports = dir.resolve("reports");
        String first = TestDatabases.h2(dir.resolve("first"));
        String second = TestDatabases.postgres();
        try (ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(5L, 200)))) {
            assertThat(JobRun.against(simulator, first, "--dspm.report.dir=" + reports)).isZero();
            byte[] firstReport = Files.readAllBytes(reports.resolve("1/report.json"));
            int requests = simulator.requestCount();

            Console.Captured refused = Console.capture(() -> JobRun.against(simulator, second, "--dspm.report.dir=" + reports));

            assertThat(refused.exit()).isEqualTo(2);
            assertThat(refused.err()).contains("dspm-scanner: configuration error: dspm.report.dir=" + reports
                    + " holds the reports of another database (" + reports.resolve(".dspm-database") + " names ")
                    .contains("give each database its own dspm.report.dir");
            assertThat(simulator.requestCount()).as("refused before any request").isEqualTo(requests);
            assertThat(reports.resolve("1/report.json")).hasBinaryContent(firstReport);
            assertThat(JobRun.against(simulator, first, "--dspm.report.dir=" + reports)).as("the folder's own database").isZero();
            assertThat(JobRun.against(simulator, second, "--dspm.report.dir=" + dir.resolve("second"))).isZero();
        }
    }

    @Test
    void aMarkerWrittenByAnotherHandIsShownAsInertText() throws Exception {
        Path reports = Files.createDirectories(dir.resolve("reports"));
        Files.writeString(reports.resolve(".dspm-database"), "x\u001b]0;title\u0007\r\nforged line\n");
        try (ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(5L, 50)))) {
            Console.Captured refused = Console.capture(() -> JobRun.against(simulator, TestDatabases.h2(dir.resolve("db")),
                    "--dspm.report.dir=" + reports));

            assertThat(refused.exit()).isEqualTo(2);
            assertThat(refused.err()).contains(" names x\uFFFD]0;title\uFFFD\uFFFD\uFFFDforged line, this database is ")
                    .doesNotContain("\u001b");
        }
    }
}
