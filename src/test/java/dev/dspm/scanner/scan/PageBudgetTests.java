package dev.dspm.scanner.scan;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.dspm.scanner.manus.AdaptiveRateLimiter;
import dev.dspm.scanner.manus.ApiKeys;
import dev.dspm.scanner.manus.ApiSettings;
import dev.dspm.scanner.manus.AssetType;
import dev.dspm.scanner.manus.ListQuery;
import dev.dspm.scanner.manus.ManusClient;
import dev.dspm.scanner.snapshot.ListedPage;

/**
 * The fetch-ahead of {@link SharePageReader} under {@link PageBudget}: while the page a partition waits on is held
 * up (a request waiting out its {@code Retry-After} holds its fetch thread, as here), the pages behind it are still
 * asked for, as many as the budget allows and no more, across partitions; and every page of the budget comes back.
 * By counts: the held-up request is parked on a latch, the others run on the reading thread.
 */
class PageBudgetTests {

    static final int PAGE = 100;
    static final int PAGES = 40;

    @RegisterExtension
    WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    final CountDownLatch release = new CountDownLatch(1);
    final List<Thread> parked = new ArrayList<>();

    @AfterEach
    void unpark() throws InterruptedException {
        release.countDown();
        for (Thread thread : parked) {
            thread.join(10_000);
        }
    }

    /**
     * Three ahead (the old reader) sent two pages behind a held-up one; now, once the partition is under way (eight
     * pages handed out), the budget's worth go out.
     */
    @Test
    void whileOnePageIsHeldUpThePagesBehindItAreFetchedUpToTheBudget() throws InterruptedException {
        listing("FILE_SHARE");
        PageBudget budget = new PageBudget(10);
        SharePageReader reader = reader("FILE_SHARE", holdingUp(9), budget);
        reader.open(new ExecutionContext());

        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            offsets.add(reader.read().offset());
        }

        assertThat(offsets).containsExactly(0L, 100L, 200L, 300L, 400L, 500L, 600L, 700L);
        assertThat(offsetsAnswered()).as("offset 800 is held up; the ten behind it were asked meanwhile")
                .containsExactlyInAnyOrder(0, 100, 200, 300, 400, 500, 600, 700, 900, 1000, 1100, 1200, 1300, 1400, 1500,
                        1600, 1700, 1800);
        assertThat(reader.pagesAhead()).as("pages held or awaited: the held-up one and the budget").isEqualTo(11);
        assertThat(budget.available()).isZero();

        release.countDown();
        for (ListedPage page = reader.read(); page != null; page = reader.read()) {
            offsets.add(page.offset());
            assertThat(reader.pagesAhead()).as("never more than the budget behind the next page").isLessThanOrEqualTo(11);
        }
        reader.close();

        assertThat(offsets).as("in order, each once").containsExactlyElementsOf(
                IntStream.range(0, PAGES).mapToObj(i -> (long) i * PAGE).toList());
        assertThat(budget.available()).as("every page of the budget given back as its page was handed out").isEqualTo(10);
    }

    /** A partition starts three pages ahead, and goes one deeper with each page it hands out. */
    @Test
    void theFetchAheadStartsAtThreePagesAndGrowsWithEachPageHandedOut() {
        listing("FILE_SHARE");
        SharePageReader reader = reader("FILE_SHARE", Runnable::run, new PageBudget(10));
        reader.open(new ExecutionContext());
        assertThat(reader.pagesAhead()).isEqualTo(1);

        List<Integer> ahead = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            reader.read();
            ahead.add(reader.pagesAhead());
        }
        reader.close();

        assertThat(ahead).containsExactly(4, 5, 6, 7, 8, 9, 10, 11, 11, 11);
    }

    /** Two partitions share one budget: the one that took it all leaves the other its next page, and no more. */
    @Test
    void partitionsShareOneBudgetAndEachStillFetchesItsNextPage() {
        listing("FILE_SHARE");
        listing("SESSION_SHARE");
        PageBudget budget = new PageBudget(6);
        SharePageReader files = reader("FILE_SHARE", Runnable::run, budget);
        SharePageReader sessions = reader("SESSION_SHARE", Runnable::run, budget);
        files.open(new ExecutionContext());
        sessions.open(new ExecutionContext());

        for (int i = 0; i < 4; i++) {
            files.read();
        }
        sessions.read();

        assertThat(files.pagesAhead()).isEqualTo(7);
        assertThat(sessions.pagesAhead()).as("the budget is taken: its next page only").isEqualTo(1);
        assertThat(server.getAllServeEvents()).as("pages asked for in all: 5 read, 1 + 6 and 1 ahead").hasSize(13);

        files.close();
        assertThat(budget.available()).as("a closed reader gives back the pages it had fetched ahead").isEqualTo(6);
        sessions.read();
        assertThat(sessions.pagesAhead()).as("and the other partition takes what it may").isEqualTo(5);
        sessions.close();
        assertThat(budget.available()).isEqualTo(6);
    }

    /** A short page cancels the pages fetched ahead of it, and gives their budget back before asking again. */
    @Test
    void aShortPageGivesBackThePagesItCancels() {
        page("FILE_SHARE", 0, PAGE, 250);
        page("FILE_SHARE", 100, PAGE / 2, 250);
        page("FILE_SHARE", 150, PAGE, 250);
        page("FILE_SHARE", 200, PAGE, 250);
        PageBudget budget = new PageBudget(4);
        SharePageReader reader = reader("FILE_SHARE", Runnable::run, budget);
        reader.open(new ExecutionContext());

        List<Long> offsets = new ArrayList<>();
        for (ListedPage page = reader.read(); page != null; page = reader.read()) {
            offsets.add(page.offset());
        }
        reader.close();

        assertThat(offsets).containsExactly(0L, 100L, 150L);
        assertThat(budget.available()).isEqualTo(4);
    }

    /** An executor that parks its {@code nth} task (1-based) until the test releases it, and runs the rest at once. */
    private Executor holdingUp(int nth) {
        AtomicInteger tasks = new AtomicInteger();
        return task -> {
            if (tasks.incrementAndGet() != nth) {
                task.run();
                return;
            }
            Thread thread = new Thread(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                task.run();
            }, "held-up-page");
            parked.add(thread);
            thread.start();
        };
    }

    private List<Integer> offsetsAnswered() {
        return server.getAllServeEvents().stream()
                .map(e -> Integer.parseInt(e.getRequest().queryParameter("offset").firstValue())).toList();
    }

    private SharePageReader reader(String type, Executor prefetcher, PageBudget budget) {
        ApiSettings settings = new ApiSettings(URI.create("http://127.0.0.1:" + server.getPort()), 1000,
                Duration.ofSeconds(2), Duration.ofSeconds(5), 2, Duration.ofMillis(10), Duration.ofMillis(50));
        ManusClient client = new ManusClient(settings, ApiKeys.load(Map.of(ApiKeys.AUDIT_KEY_ENV, "sk-reader-test-key-0001")::get),
                new AdaptiveRateLimiter(1000));
        AssetType assetType = AssetType.valueOf(type);
        return new SharePageReader(client, new ScanPartition(type, assetType, null), ListQuery.of(assetType, PAGE),
                prefetcher, budget, new ScanProgress(Duration.ofSeconds(10)), 0, 10_000_000);
    }

    private void listing(String type) {
        for (int i = 0; i < PAGES; i++) {
            page(type, i * PAGE, PAGE, PAGES * PAGE);
        }
    }

    private void page(String type, int offset, int rows, int total) {
        String assets = IntStream.range(0, rows).mapToObj(i -> "{\"uid\":\"" + type + offset + "-" + i + "\"}")
                .collect(Collectors.joining(","));
        server.stubFor(get(urlPathEqualTo("/v2/team.asset.list")).withQueryParam("offset", equalTo(String.valueOf(offset)))
                .withQueryParam("asset_type", equalTo(AssetType.valueOf(type).wireName()))
                .willReturn(okJson("{\"ok\":true,\"request_id\":\"r\",\"assets\":[" + assets + "],\"total\":" + total + "}")));
    }
}
