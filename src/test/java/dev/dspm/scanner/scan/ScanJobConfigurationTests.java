package dev.dspm.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.Snapshot;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.simulator.ListedShare;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/** The whole job against the HTTP simulator, into a real H2 file and a real PostgreSQL. */
public class ScanJobConfigurationTests {

    public static final String COLLABORATION = "ASSET_TYPE_SESSION_COLLABORATION";
    public static final String SESSION = "ASSET_TYPE_SESSION_SHARE";
    public static final String FILE = "ASSET_TYPE_FILE_SHARE";
    public static final String WEBSITE = "ASSET_TYPE_WEBSITE_PUBLISH";
    public static final String PROJECT = "ASSET_TYPE_PROJECT_SHARE";
    public static final List<String> ALL_TYPES = List.of(COLLABORATION, SESSION, FILE, WEBSITE, PROJECT);
    static final int PAGE = 500;

    /** Several pages per type, one type empty, one exactly four pages, hostile names and unknown enums mixed in. */
    static final TenantSpec SPEC = new TenantSpec(7L,
            Map.of(COLLABORATION, 1234, SESSION, 701, FILE, 4 * PAGE, WEBSITE, 333, PROJECT, 0),
            40, 0.2, 0.05, 0.05, 0.02);

    @TempDir
    Path dir;

    ManusSimulator simulator;

    @BeforeEach
    void startSimulator() {
        simulator = ManusSimulator.start(SimulatedTenant.generate(SPEC));
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void snapshotEqualsTheTenantFieldByField(String kind) throws Exception {
        String db = TestDatabases.of(kind, dir);

        int exit = JobRun.against(simulator, db, "--dspm.scan.page-size=" + PAGE);

        assertThat(exit).isZero();
        long runId = Snapshot.latestRun(db);
        assertThat(Snapshot.shares(db, runId))
                .containsExactlyElementsOf(Snapshot.expected(simulator.tenant(), ALL_TYPES));
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_partition WHERE run_id = ? AND complete", runId))
                .isEqualTo(5);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_run WHERE run_id = ? AND complete "
                + "AND status = 'COMPLETED' AND read_key_type = 'AUDIT' AND shares = 4268", runId)).isEqualTo(1);
        // One share to check the key, then exactly ceil(total / page) pages per type, one for the empty type
        // and none past the end.
        assertThat(listRequestsPerType("1")).isEqualTo(Map.of(COLLABORATION, 1L));
        assertThat(listRequestsPerType(String.valueOf(PAGE))).isEqualTo(Map.of(COLLABORATION, 3L, SESSION, 2L, FILE, 4L,
                WEBSITE, 1L, PROJECT, 1L));
        assertThat(simulator.requests()).allSatisfy(request -> {
            assertThat(request.query()).doesNotContainKey("permission");
            assertThat(request.keyType()).isEqualTo("AUDIT");
        });
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = 'seal' "
                + "AND EXIT_CODE = 'COMPLETE'")).as("the seal's verdict is the job flow's").isEqualTo(1);
    }

    @Test
    void rawJsonKeepsEveryFieldTheApiSentIncludingUnknownOnes() throws Exception {
        String db = TestDatabases.h2(dir);

        assertThat(JobRun.against(simulator, db)).isZero();

        long runId = Snapshot.latestRun(db);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM share_snapshot WHERE run_id = ? AND raw_json NOT LIKE "
                + "'{\"uid\":%'", runId)).isZero();
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM share_snapshot WHERE run_id = ? AND permission = 'UNKNOWN'"
                + " AND permission_raw LIKE 'SHARE_SCOPE_%'", runId)).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void ownerScopedScanStoresExactlyThoseOwnersSharesAcrossAllTypes(String kind) throws Exception {
        String db = TestDatabases.of(kind, dir);
        List<String> owners = simulator.tenant().ownerIds().subList(3, 6);

        int exit = JobRun.against(simulator, db, "--dspm.scan.owner-ids=" + String.join(",", owners),
                "--dspm.scan.page-size=20");

        assertThat(exit).isZero();
        List<ListedShare> expected = Snapshot.expected(simulator.tenant(), ALL_TYPES).stream()
                .filter(share -> owners.contains(share.ownerId())).toList();
        assertThat(expected).hasSizeGreaterThan(40);
        long runId = Snapshot.latestRun(db);
        assertThat(Snapshot.shares(db, runId)).containsExactlyElementsOf(expected);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_partition WHERE run_id = ? AND complete", runId))
                .isEqualTo(15);
        assertThat(simulator.requests()).allSatisfy(request -> assertThat(owners).contains(request.query().get("owner_id")));
    }

    private Map<String, Long> listRequestsPerType(String limit) {
        return simulator.requests().stream().filter(r -> r.path().endsWith("team.asset.list"))
                .filter(r -> limit.equals(r.query().get("limit")))
                .collect(Collectors.groupingBy(r -> r.query().get("asset_type"), Collectors.counting()));
    }
}
