package dev.dspm.scanner.scan;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.jsonResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.Snapshot;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.manus.AdaptiveRateLimiter;
import dev.dspm.scanner.manus.ApiKeys;
import dev.dspm.scanner.manus.ApiSettings;
import dev.dspm.scanner.manus.Asset;
import dev.dspm.scanner.manus.AssetType;
import dev.dspm.scanner.manus.ListQuery;
import dev.dspm.scanner.manus.ManusApiException;
import dev.dspm.scanner.manus.ManusClient;
import dev.dspm.scanner.simulator.ListedShare;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;
import dev.dspm.scanner.snapshot.ListedPage;

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

    long maxShares = 10_000_000;

    ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(
            TenantSpec.of(3L, Map.of(FILE, 1000, SESSION, 300))));

    @AfterEach
    void stop() {
        simulator.close();
        prefetcher.shutdownNow();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void aShareIssuedWhileTheScanRunsIsOutsideThePinnedListingAndMovesNothing(String kind) throws Exception {
        String db = TestDatabases.of(kind, dir);
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

    /**
     * The issue's case: an already-read share removed and a new one issued between pages. Run with one
     * page per chunk and with the whole listing in one chunk, where the end of the first pass and the
     * start of the second are written together: either way the first pass's rows are gone.
     */
    @ParameterizedTest(name = "{0}, commit interval {1}")
    @CsvSource({ "H2, 100", "PostgreSQL, 100", "H2, 5000", "PostgreSQL, 5000" })
    void aShareRemovedAfterItWasReadIsReadAgainIntoExactlyTheLiveSet(String kind, int commitInterval) throws Exception {
        String db = TestDatabases.of(kind, dir);
        List<ListedShare> atStart = Snapshot.expected(simulator.tenant(), List.of(SESSION));
        String removed = simulator.tenant().listed(SESSION).get(0).uid();
        simulator.faults().beforeListRequest(4, tenant -> {
            tenant.removeShare(removed);
            tenant.addShare(SESSION);
        });

        int exit = JobRun.against(simulator, db, "--dspm.scan.asset-types=SESSION_SHARE", "--dspm.scan.page-size=100",
                "--dspm.scan.commit-interval=" + commitInterval);

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
        String db = TestDatabases.of(kind, dir);
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

    // Against a server that answers exactly as scripted, for what the simulator never does.

    @RegisterExtension
    WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    ExecutorService prefetcher = Executors.newFixedThreadPool(3);

    /**
     * A short page before the end (the set shrank, or the server cut it): the pages fetched ahead at the
     * offsets full pages would have reached are dropped, and paging goes on from where the short page ended.
     */
    @Test
    void aShortPageRewindsTheOffsetsAlreadyRequestedAhead() {
        page(0, 100, "a");
        page(100, 50, "b");
        page(150, 100, "c");
        page(200, 50, "skipped");
        page(300, 0, "none");

        List<ListedPage> pages = readAll(0);

        assertThat(pages).extracting(ListedPage::offset).containsExactly(0L, 100L, 150L);
        assertThat(pages.stream().flatMap(p -> p.page().assets().stream()).map(Asset::uid).distinct().count()).isEqualTo(250);
        assertThat(pages).allSatisfy(page -> assertThat(page.pass()).isEqualTo(1));
    }

    @Test
    void aPassThatHandsOutFewerRowsThanItsTotalIsReadAgainUpToTheBound() {
        page(0, 100, "a");
        page(100, 0, "none");

        List<ListedPage> pages = readAll(2);

        assertThat(pages).extracting(ListedPage::pass).containsExactly(1, 1, 2, 2, 3, 3);
        assertThat(pages).extracting(ListedPage::offset).containsExactly(0L, 100L, 0L, 100L, 0L, 100L);
    }

    /** Pages are asked for ahead, but never past the total: a last page that is full ends the pass. */
    @Test
    void aListingThatEndsOnAFullPageAsksForNothingPastItsTotal() throws InterruptedException {
        page(0, 100, "a", 300);
        page(100, 100, "b", 300);
        page(200, 100, "c", 300);
        page(300, 0, "none", 300);

        List<ListedPage> pages = readAll(0);
        prefetcher.shutdown();
        assertThat(prefetcher.awaitTermination(10, TimeUnit.SECONDS)).as("every request sent has been answered").isTrue();

        assertThat(pages).extracting(ListedPage::offset).containsExactly(0L, 100L, 200L);
        assertThat(server.getAllServeEvents()).extracting(e -> e.getRequest().queryParameter("offset").firstValue())
                .containsExactlyInAnyOrder("0", "100", "200");
    }

    /** A page that failed for good fails the read with the API's own error, not the prefetch's wrapper. */
    @Test
    void aPageThatFailsForGoodFailsTheReadWithTheApisError() {
        server.stubFor(get(urlPathEqualTo("/v2/team.asset.list")).willReturn(
                jsonResponse("{\"ok\":false,\"request_id\":\"req-7\",\"error\":{\"code\":\"permission_denied\",\"message\":\"no\"}}", 403)));

        assertThatThrownBy(() -> readAll(0)).isInstanceOf(ManusApiException.class).hasMessageContaining("req-7");
    }

    /** A restart goes on from the saved offset, in the saved pass, and still knows the pass's total moved. */
    @Test
    void aRestartedReaderGoesOnFromItsSavedStateAndStillRereadsAListingThatMoved() {
        page(0, 100, "a", 250);
        page(100, 100, "b", 300);
        page(200, 50, "c", 250);
        ExecutionContext state = new ExecutionContext();

        List<ListedPage> before = read(1, state, 2);
        List<ListedPage> after = read(1, state, Integer.MAX_VALUE);

        assertThat(passAndOffset(before)).containsExactly("1@0", "1@100");
        assertThat(passAndOffset(after)).as("the total moved before the restart: read again")
                .containsExactly("1@200", "2@0", "2@100", "2@200");
    }

    /** The first total of a pass survives a restart: a total that differs from it after the restart is a move. */
    @Test
    void aRestartKeepsThePassFirstTotal() {
        page(0, 100, "a", 300);
        page(100, 100, "b", 250);
        page(200, 50, "c", 250);
        ExecutionContext state = new ExecutionContext();

        read(1, state, 1);
        List<ListedPage> after = read(1, state, Integer.MAX_VALUE);

        assertThat(passAndOffset(after)).containsExactly("1@100", "1@200", "2@0", "2@100", "2@200");
    }

    @Test
    void aRestartDuringARereadContinuesThatPass() {
        page(0, 100, "a");
        page(100, 0, "none");
        ExecutionContext state = new ExecutionContext();

        List<ListedPage> before = read(2, state, 3);
        List<ListedPage> after = read(2, state, Integer.MAX_VALUE);

        assertThat(passAndOffset(before)).containsExactly("1@0", "1@100", "2@0");
        assertThat(passAndOffset(after)).containsExactly("2@100", "3@0", "3@100");
    }

    /** A total that grows with every page (a listing that never ends) is paged a page past the pass's first total. */
    @Test
    void aPassPagesNoFurtherThanAPagePastItsFirstTotalHoweverTheTotalGrows() {
        for (int i = 0; i < 8; i++) {
            page(100 * i, 100, "p" + i + "-", 250 + 200 * i);
        }

        List<ListedPage> pages = readAll(0);

        assertThat(passAndOffset(pages)).containsExactly("1@0", "1@100", "1@200", "1@300");
        assertThat(offsetsAsked()).containsExactlyInAnyOrder("0", "100", "200", "300");
    }

    /** dspm.scan.max-shares-per-type: nothing past it is read or handed on, the reason is kept, and no pass follows. */
    @Test
    void aListingLongerThanMaxSharesStopsThereForGoodWithItsReason() {
        for (int i = 0; i < 8; i++) {
            page(100 * i, 100, "p" + i + "-", 1_000_000);
        }
        maxShares = 250;
        ExecutionContext state = new ExecutionContext();

        List<ListedPage> pages = read(2, state, Integer.MAX_VALUE);

        assertThat(passAndOffset(pages)).containsExactly("1@0", "1@100", "1@200");
        assertThat(pages).extracting(page -> page.page().assets().size()).containsExactly(100, 100, 50);
        assertThat(state.getString(SharePageReader.CUT_SHORT))
                .isEqualTo("stopped at 250 shares (dspm.scan.max-shares-per-type) of a listing that reports 1,000,000");
        assertThat(offsetsAsked()).containsExactlyInAnyOrder("0", "100", "200");
        int asked = server.getAllServeEvents().size();
        assertThat(read(2, state, Integer.MAX_VALUE)).as("restarted after the stop: nothing more").isEmpty();
        assertThat(server.getAllServeEvents()).as("and nothing asked").hasSize(asked);
    }

    /** Each offset asked for, once (a request asked again beside a slow one is the same request). */
    private Set<String> offsetsAsked() {
        return server.getAllServeEvents().stream().map(e -> e.getRequest().queryParameter("offset").firstValue())
                .collect(Collectors.toSet());
    }

    private List<ListedPage> readAll(int maxRereads) {
        return read(maxRereads, new ExecutionContext(), Integer.MAX_VALUE);
    }

    /** Reads up to {@code pages} pages from the state in {@code context}, and leaves the state there, as a commit does. */
    private List<ListedPage> read(int maxRereads, ExecutionContext context, int pages) {
        ApiSettings settings = new ApiSettings(URI.create("http://127.0.0.1:" + server.getPort()), 1000,
                Duration.ofSeconds(2), Duration.ofSeconds(5), 2, Duration.ofMillis(10), Duration.ofMillis(50));
        ManusClient client = new ManusClient(settings, ApiKeys.load(Map.of(ApiKeys.AUDIT_KEY_ENV, "sk-reader-test-key-0001")::get),
                new AdaptiveRateLimiter(1000));
        ScanPartition partition = new ScanPartition("FILE_SHARE", AssetType.FILE_SHARE, null);
        SharePageReader reader = new SharePageReader(client, partition, ListQuery.of(AssetType.FILE_SHARE, 100),
                prefetcher, new PageBudget(PageBudget.PAGES), new ScanProgress(Duration.ofSeconds(10)), maxRereads, maxShares);
        reader.open(context);
        List<ListedPage> read = new ArrayList<>();
        for (ListedPage page = reader.read(); page != null; page = read.size() < pages ? reader.read() : null) {
            read.add(page);
        }
        reader.update(context);
        reader.close();
        return read;
    }

    private static List<String> passAndOffset(List<ListedPage> pages) {
        return pages.stream().map(page -> page.pass() + "@" + page.offset()).toList();
    }

    /** The page at {@code offset}: {@code rows} shares named prefix + index, of a total of 250. */
    private void page(int offset, int rows, String prefix) {
        page(offset, rows, prefix, 250);
    }

    private void page(int offset, int rows, String prefix, int total) {
        String assets = IntStream.range(0, rows).mapToObj(i -> "{\"uid\":\"" + prefix + i + "\"}")
                .collect(Collectors.joining(","));
        server.stubFor(get(urlPathEqualTo("/v2/team.asset.list")).withQueryParam("offset", equalTo(String.valueOf(offset)))
                .willReturn(okJson("{\"ok\":true,\"request_id\":\"r\",\"assets\":[" + assets + "],\"total\":" + total + "}")));
    }
}
