package dev.dspm.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.Snapshot;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.RecordedRequest;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * The real API publishes no limit, so the shared limiter must find the server's: against a simulator limited to R
 * requests/s, the scan is accepted near R without a storm of 429s. Asserted by counts and by the simulator's own
 * timestamps of the requests it received, not by the job's wall time, which a busy machine stretches.
 */
class ScanRateLimitTests {

    static final double LIMIT = 40;
    static final int BURST = 5;
    static final int PAGES = 160;

    ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.of(13L, Map.of(
            ScanJobConfigurationTests.COLLABORATION, 4200, ScanJobConfigurationTests.SESSION, 3000,
            ScanJobConfigurationTests.FILE, 5400, ScanJobConfigurationTests.WEBSITE, 2100,
            ScanJobConfigurationTests.PROJECT, 1300))));

    @AfterEach
    void stop() {
        simulator.close();
    }

    /** On PostgreSQL, where the five partitions are paged side by side, all of them sharing the limiter. */
    @Test
    void findsTheServersLimitAndStaysNearIt() throws Exception {
        String db = TestDatabases.postgres();
        simulator.faults().rateLimit(LIMIT, BURST);

        int exit = JobRun.against(simulator, db, "--dspm.scan.page-size=100", "--dspm.api.max-requests-per-second=100",
                "--dspm.api.initial-backoff=PT0.2S", "--dspm.api.max-backoff=PT5S", "--dspm.api.max-attempts=8");

        assertThat(exit).isZero();
        long runId = Snapshot.latestRun(db);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM share_snapshot WHERE run_id = ?", runId)).isEqualTo(16_000);
        // the scan's pages: not the preflight's one-share request that checks the key
        List<RecordedRequest> pages = simulator.requests().stream()
                .filter(request -> request.path().endsWith("team.asset.list") && !"1".equals(request.query().get("limit")))
                .toList();
        long throttled = pages.stream().filter(request -> request.status() == 429).count();
        List<RecordedRequest> accepted = pages.stream().filter(request -> request.status() == 200).toList();
        double seconds = (accepted.get(accepted.size() - 1).receivedAtNanos() - pages.get(0).receivedAtNanos()) / 1e9;
        // the burst is taken at once; the rest at most at the limit
        double acceptedPerSecond = (accepted.size() - BURST) / seconds;
        System.out.printf("rate limit %.0f/s: %d requests, %d answered 429, %d accepted in %.2f s of the simulator's "
                + "clock: %.1f accepted/s%n", LIMIT, pages.size(), throttled, accepted.size(), seconds, acceptedPerSecond);
        assertThat(accepted.stream().map(RecordedRequest::query).distinct()).hasSize(PAGES);
        assertThat(throttled).isLessThanOrEqualTo(pages.size() / 10);
        // a limiter stuck at a cut (or at its floor) is accepted at half the limit or less; one that found it, near it
        assertThat(acceptedPerSecond).isGreaterThanOrEqualTo(0.6 * LIMIT);
    }
}
