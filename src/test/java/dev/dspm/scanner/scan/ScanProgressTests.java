package dev.dspm.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.Console;
import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/** A person watching a long scan sees each type move: pages, shares, rate and 429s. */
class ScanProgressTests {

    @TempDir
    Path dir;

    ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(
            TenantSpec.of(19L, Map.of(ScanJobConfigurationTests.FILE, 2000, ScanJobConfigurationTests.WEBSITE, 1000))));

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void logsAProgressLinePerTypeWhileTheScanRuns() throws Exception {
        // One 429 for a page, after the key check's request.
        simulator.faults().delayNext(Duration.ofMillis(150), 30).failAfter(1, 429, 1);

        Console.Captured run = Console.capture(() -> JobRun.against(simulator, TestDatabases.h2(dir),
                "--dspm.scan.page-size=100", "--dspm.scan.progress-interval=PT0.5S",
                "--dspm.scan.asset-types=FILE_SHARE,WEBSITE_PUBLISH"));

        assertThat(run.exit()).isZero();
        String printed = run.out();
        assertThat(printed).containsPattern("scan FILE_SHARE +[0-9,]+ pages +[0-9,]+ shares +[0-9,]+ shares/s +[0-9,]+ x 429")
                .containsPattern("scan WEBSITE_PUBLISH +[0-9,]+ pages")
                .containsPattern("scan \\w+ +[0-9,]+ pages +[0-9,]+ shares +[0-9,]+ shares/s +1 x 429");
    }
}
