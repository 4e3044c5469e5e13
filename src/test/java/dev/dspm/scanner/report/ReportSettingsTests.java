package dev.dspm.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.Console;
import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.config.ConfigurationException;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

class ReportSettingsTests {

    @TempDir
    Path dir;

    @Test
    void aReportFolderThatCannotBeWrittenIsExitTwoBeforeAnyRequestOrDatabase() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        try (ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(3L, 100)))) {
            Console.Captured run = Console.capture(() -> JobRun.against(simulator, TestDatabases.h2(dir.resolve("db")),
                    "--dspm.report.dir=" + file.resolve("reports")));

            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains("dspm-scanner: configuration error: dspm.report.dir=" + file.resolve("reports")
                    + " is not a folder this user can write").contains("set dspm.report.dir to one it can");
            assertThat(simulator.requestCount()).isZero();
            assertThat(dir.resolve("db")).as("no database opened").doesNotExist();
        }
    }

    @Test
    void aMissingFolderIsCreatedAndLeftEmpty() throws Exception {
        Path reports = dir.resolve("a/b/reports");
        new ReportSettings(reports, 10, null, null).checkWritable();
        try (var files = Files.list(reports)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void theHtmlTableShowsAtLeastOneRow() {
        assertThatThrownBy(() -> new ReportSettings(dir, 0, null, null)).isInstanceOf(ConfigurationException.class)
                .hasMessage("dspm.report.html-max-rows must be at least 1, got 0");
        assertThat(new ReportSettings(dir, 1, null, null).htmlMaxRows()).isEqualTo(1);
    }
}
