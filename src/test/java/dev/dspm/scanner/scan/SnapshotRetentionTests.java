package dev.dspm.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

class SnapshotRetentionTests {

    @TempDir
    Path dir;

    ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(
            TenantSpec.of(5L, Map.of(ScanJobConfigurationTests.FILE, 250))));

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void keepsTheNewestRunsAndPrunesOlderOnesWholly() throws Exception {
        String db = TestDatabases.h2(dir);
        for (int run = 0; run < 4; run++) {
            assertThat(JobRun.against(simulator, db, "--dspm.retention.keep-runs=2")).isZero();
        }

        long newest = Snapshot.latestRun(db);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_run")).isEqualTo(2);
        assertThat(Snapshot.single(db, "SELECT MIN(run_id) FROM scan_run")).isEqualTo(newest - 1);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM share_snapshot")).isEqualTo(500);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM share_snapshot WHERE run_id < ?", newest - 1)).isZero();
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_partition WHERE run_id < ?", newest - 1)).isZero();
    }
}
