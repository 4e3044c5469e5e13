package dev.dspm.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.Snapshot;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.RecordedRequest;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * How the scan's partitions share the run on H2, one file that wants a single writer: their writes take turns
 * ({@link WriteTurnsTests}), but their pages are fetched side by side, so a page waiting out a {@code Retry-After}
 * does not hold the whole scan (issue 27: run one after another, each type's last pages waited with nothing else
 * to do). Asserted from the simulator's request log.
 */
class ScanStepsConfigurationTests {

    static final int PAGE = 100;
    static final int SHARES = 5 * 1000;

    @TempDir
    Path dir;

    final ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.of(27L, Map.of(
            ScanJobConfigurationTests.COLLABORATION, 1000, ScanJobConfigurationTests.SESSION, 1000,
            ScanJobConfigurationTests.FILE, 1000, ScanJobConfigurationTests.WEBSITE, 1000,
            ScanJobConfigurationTests.PROJECT, 1000))));

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void onH2OtherTypesArePagedWhileOneTypesPageWaitsOutItsRetryAfter() throws Exception {
        String db = TestDatabases.h2(dir);
        simulator.faults().shedLoad(7, 0); // every 7th request 429, Retry-After 1 s

        int exit = JobRun.against(simulator, db, "--dspm.scan.page-size=" + PAGE);

        assertThat(exit).isZero();
        long runId = Snapshot.latestRun(db);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM share_snapshot WHERE run_id = ?", runId)).isEqualTo(SHARES);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_partition WHERE run_id = ? AND complete", runId))
                .isEqualTo(5);
        List<RecordedRequest> log = simulator.requests().stream()
                .filter(request -> request.path().endsWith("team.asset.list")).toList();
        int refused = 0;
        int otherTypesMeanwhile = 0;
        for (int i = 0; i < log.size(); i++) {
            RecordedRequest page = log.get(i);
            if (page.status() != 429) {
                continue;
            }
            refused++;
            for (RecordedRequest later : log.subList(i + 1, log.size())) {
                if (later.query().equals(page.query())) {
                    break; // asked again: its wait is over
                }
                if (!later.query().get("asset_type").equals(page.query().get("asset_type"))) {
                    otherTypesMeanwhile++;
                    break;
                }
            }
        }
        System.out.printf("H2 under shedding: %d requests, %d answered 429, %d of them with other types paged "
                + "meanwhile%n", log.size(), refused, otherTypesMeanwhile);
        assertThat(refused).isEqualTo(log.size() / 7);
        // one partition at a time, no 429'd page ever had another type's pages asked for while it waited
        assertThat(otherTypesMeanwhile).isGreaterThanOrEqualTo(refused / 2);
    }
}
