package dev.dspm.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.dspm.scanner.simulator.ListedShare;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * Offset paging over a set that changes while it is paged. Shares issued after the run began fall outside
 * the listing pinned to the run's start; a listing that moved anyway is read again, so a complete
 * partition holds exactly one consistent listing, and one that never settles is recorded incomplete.
 * Pages are fetched ahead concurrently, so a mutation "before the nth request" lands before one of a few
 * pages: every assertion holds whichever it was.
 */
class SharePageReaderTests {

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

    String database(String kind) {
        return kind.equals("H2") ? TestDatabases.h2(dir) : TestDatabases.postgres();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void aShareIssuedWhileTheScanRunsIsOutsideThePinnedListingAndMovesNothing(String kind) throws Exception {
        String db = database(kind);
        List<ListedShare> atStart = Snapshot.expected(simulator.tenant(), List.of(FILE));
        // Request 1 is the key check; the share is issued before a page is answered.
        simulator.faults().beforeListRequest(4, tenant -> tenant.addShare(FILE));

        int exit = JobRun.against(simulator, db, "--dspm.scan.asset-types=FILE_SHARE", "--dspm.scan.page-size=100");

        assertThat(exit).isZero();
        long runId = Snapshot.latestRun(db);
        assertThat(simulator.tenant().size(FILE)).isEqualTo(1001);
        assertThat(Snapshot.shares(db, runId)).containsExactlyElementsOf(atStart);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_partition WHERE run_id = ? AND complete AND pass = 1 "
                + "AND NOT total_changed AND stored = 1000", runId)).as("complete at the first read").isEqualTo(1);
        assertThat(pageRequests()).as("ten pages, none read twice").isEqualTo(10);
        assertThat(simulator.requests()).filteredOn(r -> "100".equals(r.query().get("limit")))
                .allSatisfy(r -> assertThat(r.query()).containsKey("end_time"));
    }

    /** The case: an already-read share removed and a new one issued between pages. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void aShareRemovedAfterItWasReadIsReadAgainIntoExactlyTheLiveSet(String kind) throws Exception {
        String db = database(kind);
        List<ListedShare> atStart = Snapshot.expected(simulator.tenant(), List.of(SESSION));
        String removed = simulator.tenant().listed(SESSION).get(0).uid();
        simulator.faults().beforeListRequest(4, tenant -> {
            tenant.removeShare(removed);
            tenant.addShare(SESSION);
        });

        int exit = JobRun.against(simulator, db, "--dspm.scan.asset-types=SESSION_SHARE", "--dspm.scan.page-size=100");

        assertThat(exit).isZero();
        long runId = Snapshot.latestRun(db);
        assertThat(Snapshot.shares(db, runId)).containsExactlyElementsOf(
                atStart.stream().filter(share -> !share.uid().equals(removed)).toList());
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_partition WHERE run_id = ? AND complete AND pass = 2 "
                + "AND NOT total_changed AND first_total = 299 AND stored = 299", runId)).isEqualTo(1);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_run WHERE run_id = ? AND complete", runId)).isEqualTo(1);
    }

    @Test
    void withoutThePinnedEndTimeANewShareMovesTheListingAndIsReadOnTheSecondPass() throws Exception {
        String db = TestDatabases.h2(dir);
        Set<String> added = new java.util.concurrent.ConcurrentSkipListSet<>();
        simulator.faults().beforeListRequest(4, tenant -> added.add(tenant.addShare(FILE)));

        int exit = JobRun.against(simulator, db, "--dspm.scan.asset-types=FILE_SHARE", "--dspm.scan.page-size=100",
                "--dspm.scan.pin-end-time=false");

        assertThat(exit).isZero();
        long runId = Snapshot.latestRun(db);
        assertThat(Snapshot.shares(db, runId)).containsExactlyElementsOf(Snapshot.expected(simulator.tenant(), List.of(FILE)));
        assertThat(Snapshot.shares(db, runId)).extracting(ListedShare::uid).containsAll(added);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_partition WHERE run_id = ? AND complete AND pass = 2",
                runId)).isEqualTo(1);
        assertThat(simulator.requests()).allSatisfy(r -> assertThat(r.query()).doesNotContainKey("end_time"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void aListingThatNeverSettlesIsRecordedIncompleteAfterTheBoundedRereads(String kind) throws Exception {
        String db = database(kind);
        List<String> uids = simulator.tenant().listed(SESSION).stream().map(ListedShare::uid).toList();
        for (int request = 3; request <= 30; request += 2) {
            String uid = uids.get(request);
            simulator.faults().beforeListRequest(request, tenant -> tenant.removeShare(uid));
        }

        int exit = JobRun.against(simulator, db, "--dspm.scan.asset-types=SESSION_SHARE", "--dspm.scan.page-size=100",
                "--dspm.scan.max-rereads=1");

        assertThat(exit).as("an incomplete partition is recorded, not fatal").isZero();
        long runId = Snapshot.latestRun(db);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_partition WHERE run_id = ? AND NOT complete AND pass = 2",
                runId)).as("read twice, then given up").isEqualTo(1);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_run WHERE run_id = ? AND NOT complete", runId)).isEqualTo(1);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = 'seal' "
                + "AND EXIT_CODE = 'INCOMPLETE'")).isEqualTo(1);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) - COUNT(DISTINCT uid) FROM share_snapshot WHERE run_id = ?", runId))
                .as("no uid stored twice").isZero();
    }

    private long pageRequests() {
        return simulator.requests().stream().filter(r -> "100".equals(r.query().get("limit"))).count();
    }
}
