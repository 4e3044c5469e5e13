package dev.dspm.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/** Offset paging over a set that changes between pages: recorded incomplete, never stored twice. */
class CompletenessCheckTests {

    static final String FILE = ScanJobConfigurationTests.FILE;
    static final String SESSION = ScanJobConfigurationTests.SESSION;

    @TempDir
    Path dir;

    ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(
            TenantSpec.of(3L, Map.of(FILE, 1000, SESSION, 300))));

    @AfterEach
    void stop() {
        simulator.close();
    }

    /** PostgreSQL too: the repeated row makes its COPY fail on the key, and the merge fallback must take over. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void aShareAddedBetweenPagesMarksThePartitionIncompleteWithoutDuplicates(String kind) throws Exception {
        String db = kind.equals("H2") ? TestDatabases.h2(dir) : TestDatabases.postgres();
        // The new share lands at offset 0, so a later page repeats a row and the new one is never seen.
        // Pages are fetched ahead concurrently, so which page the shift hits first varies: the counts
        // asserted are the ones that hold whichever it was.
        simulator.faults().beforeListRequest(3, tenant -> tenant.addShare(FILE));

        int exit = JobRun.against(simulator, db, "--dspm.scan.asset-types=FILE_SHARE", "--dspm.scan.page-size=100");

        assertThat(exit).isZero();
        long runId = Snapshot.latestRun(db);
        long stored = Snapshot.single(db, "SELECT COUNT(*) FROM share_snapshot WHERE run_id = ?", runId);
        assertThat(stored).isBetween(999L, 1000L);
        assertThat(Snapshot.single(db, "SELECT COUNT(DISTINCT uid) FROM share_snapshot WHERE run_id = ?", runId))
                .isEqualTo(stored);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_partition WHERE run_id = ? AND NOT complete "
                + "AND total_changed AND stored = ? AND first_total = 1000", runId, stored)).isEqualTo(1);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_run WHERE run_id = ? AND NOT complete", runId))
                .isEqualTo(1);
    }

    @Test
    void aShareRemovedBetweenPagesIsSkippedAndTheGapIsRecorded() throws Exception {
        String db = TestDatabases.h2(dir);
        String firstUid = simulator.tenant().listed(SESSION).get(0).uid();
        simulator.faults().beforeListRequest(2, tenant -> tenant.removeShare(firstUid));

        int exit = JobRun.against(simulator, db, "--dspm.scan.asset-types=SESSION_SHARE", "--dspm.scan.page-size=100");

        assertThat(exit).isZero();
        long runId = Snapshot.latestRun(db);
        // Removing row 0 shifts every later row back by one: a row at a page boundary is never returned,
        // though it still exists.
        long stored = Snapshot.single(db, "SELECT COUNT(*) FROM share_snapshot WHERE run_id = ?", runId);
        assertThat(stored).isBetween(298L, 300L);
        assertThat(Snapshot.single(db, "SELECT COUNT(DISTINCT uid) FROM share_snapshot WHERE run_id = ?", runId))
                .isEqualTo(stored);
        // A page answered concurrently with the removal may still report the old total; either way the
        // partition saw its total move and is not complete.
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_partition WHERE run_id = ? AND NOT complete "
                + "AND total_changed AND first_total = 300", runId)).isEqualTo(1);
    }

    @Test
    void aStableTenantIsComplete() throws Exception {
        String db = TestDatabases.h2(dir);

        assertThat(JobRun.against(simulator, db, "--dspm.scan.page-size=100")).isZero();

        long runId = Snapshot.latestRun(db);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_run WHERE run_id = ? AND complete", runId)).isEqualTo(1);
    }
}
