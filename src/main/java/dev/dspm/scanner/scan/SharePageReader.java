package dev.dspm.scanner.scan;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import dev.dspm.scanner.manus.AssetPage;
import dev.dspm.scanner.manus.ListQuery;
import dev.dspm.scanner.manus.ManusClient;
import dev.dspm.scanner.snapshot.ListedPage;

/**
 * Pages through {@code team.asset.list} for one partition. Pages are fetched and parsed ahead while the current
 * chunk is written, so the database and the network overlap instead of taking turns: the page the reader waits
 * for next, and as many more as the run's {@link PageBudget} (shared by every partition) lets it take. The ahead
 * must be deep: a request refused with a {@code Retry-After} waits a second, and pages are handed out in order,
 * so only the pages asked for behind it keep the requests flowing meanwhile (three ahead lost most of each wait,
 * issue 27). Pages ahead are requested at the offsets full pages would reach; a short page (the set shrank,
 * or a lying server) drops them and paging continues from where that page really ended.
 *
 * <p>Offset paging over a set that changes skips and repeats rows. A read of the partition (a pass) is
 * consistent when every page reported the same total and the pass handed out exactly that many rows;
 * otherwise the partition is read again from offset 0, at most {@code maxRereads} times, and the writer
 * replaces the earlier pass's rows. Restart state is the pass and the offset its committed chunks reached.
 *
 * <p>A listing that never ends (full pages and a total of 1e12 once grew the database 434 MB in 90 s) is bounded
 * twice: a pass never pages more than 1% (at least a page) past the total its first page reported, a margin for
 * shares issued while it runs (a pass whose total grew is read again anyway), and no pass stores more than
 * {@code maxShares}: there it stops for good ({@link #CUT_SHORT}), is not read again (it would stop at the same
 * place), and its partition is recorded incomplete with the reason.
 */
public class SharePageReader implements ItemStreamReader<ListedPage> {

    private static final Logger log = LoggerFactory.getLogger(SharePageReader.class);
    static final String PASS = "pass";
    static final String OFFSET = "consumed";
    static final String FIRST_TOTAL = "passFirstTotal";
    static final String TOTAL_CHANGED = "passTotalChanged";
    /** Why the partition's paging stopped before its end, when it reached the bound; absent otherwise. */
    static final String CUT_SHORT = "cutShort";
    /** The most pages one partition has asked for and not handed out: the next, and the whole budget behind it. */
    public static final int MOST_AHEAD = 1 + PageBudget.PAGES;
    /**
     * Pages a partition may have asked for before it has handed any out; each page handed out allows one more, up to
     * the budget. Deep at once, the partitions together sent twice as many requests before the first answer, and
     * against a token bucket every one past its burst came back 429 (ScanRateLimitTests: 24 429s of 185, against 7).
     */
    static final int FIRST_AHEAD = 3;

    private final ManusClient client;
    private final ListQuery query;
    private final Executor prefetcher;
    private final PageBudget budget;
    private final ScanProgress progress;
    private final ScanPartition partition;
    private final int maxRereads;
    private final long maxShares;
    private final Deque<Fetch> ahead = new ArrayDeque<>();

    private int pass;
    private long offset;
    private long firstTotal;
    private boolean totalChanged;
    private long requestedUpTo;
    private String cutShort;
    /** Pages handed out since the reader was opened: how far its fetch-ahead has grown. */
    private int handedOut;

    /** @param maxShares the most shares stored of the partition ({@code dspm.scan.max-shares-per-type}) */
    SharePageReader(ManusClient client, ScanPartition partition, ListQuery query, Executor prefetcher, PageBudget budget,
            ScanProgress progress, int maxRereads, long maxShares) {
        this.client = client;
        this.partition = partition;
        this.query = query;
        this.prefetcher = prefetcher;
        this.budget = budget;
        this.progress = progress;
        this.maxRereads = maxRereads;
        this.maxShares = maxShares;
    }

    @Override
    public void open(ExecutionContext context) {
        pass = context.getInt(PASS, 1);
        offset = context.getLong(OFFSET, 0L);
        firstTotal = context.getLong(FIRST_TOTAL, -1L);
        totalChanged = Boolean.parseBoolean(context.getString(TOTAL_CHANGED, "false"));
        cutShort = context.containsKey(CUT_SHORT) ? context.getString(CUT_SHORT) : null;
        requestedUpTo = offset;
        if (cutShort == null) {
            request();
        }
    }

    @Override
    public ListedPage read() {
        while (ahead.isEmpty()) {
            if (cutShort != null || consistent() || pass > maxRereads) {
                return null;
            }
            log.warn("{}: the listing changed while it was paged (total {} at the first page, {} rows read{}); "
                    + "reading it again, pass {} of at most {}", partition.key(), firstTotal, offset,
                    totalChanged ? ", total moved" : "", pass + 1, maxRereads + 1);
            startPass(pass + 1);
        }
        Fetch next = ahead.removeFirst(); // never borrowed: see below
        if (!ahead.isEmpty() && ahead.peekFirst().borrowed()) {
            // the page waited on next is every partition's due, as the first was: it no longer counts against the budget
            ahead.addFirst(new Fetch(ahead.removeFirst().page(), false));
            budget.giveBack();
        }
        AssetPage page = await(next.page());
        if (firstTotal < 0) {
            firstTotal = page.total();
        } else if (page.total() != firstTotal) {
            totalChanged = true;
        }
        if (offset + page.assets().size() > maxShares) {
            page = firstRows(page, (int) (maxShares - offset)); // nothing beyond the bound is stored
        }
        ListedPage listed = new ListedPage(pass, offset, page);
        handedOut++;
        int rows = page.assets().size();
        progress.page(partition, rows, page.throttled());
        offset += rows;
        // An empty page ends the pass even if total says otherwise: the set shrank under us, and the
        // consistency check, not an endless loop, is where that gets noticed.
        if (rows == 0 || offset >= page.total()) {
            cancelAhead();
        } else if (offset >= maxShares) {
            cutShort = String.format("stopped at %,d shares (dspm.scan.max-shares-per-type) of a listing that reports %,d",
                    maxShares, page.total());
            log.warn("{}: {}; the rest is not read and the type is recorded incomplete", partition.key(), cutShort);
            cancelAhead();
        } else if (offset >= passBound()) {
            log.warn("{}: the listing went on past {} shares, its first page's total of {} and a margin; this pass stops "
                    + "here", partition.key(), offset, firstTotal);
            cancelAhead();
        } else {
            if (rows < query.limit() && !ahead.isEmpty()) {
                cancelAhead();
                requestedUpTo = offset;
            }
            fetchAhead(Math.min(page.total(), Math.min(maxShares, passBound())));
        }
        return listed;
    }

    /** Where a pass stops paging however full its pages: 1% past its first total, and at least a page. */
    private long passBound() {
        return firstTotal + Math.max(query.limit(), firstTotal / 100);
    }

    private static AssetPage firstRows(AssetPage page, int rows) {
        return new AssetPage(page.assets().subList(0, rows), page.total(), page.limit(), page.offset(), page.requestId(),
                page.throttled());
    }

    /** The pass saw one unchanging total and handed out exactly that many rows. */
    private boolean consistent() {
        return !totalChanged && offset == firstTotal;
    }

    private void startPass(int next) {
        pass = next;
        offset = 0;
        firstTotal = -1;
        totalChanged = false;
        requestedUpTo = 0;
        request();
    }

    @Override
    public void update(ExecutionContext context) {
        context.putInt(PASS, pass);
        context.putLong(OFFSET, offset);
        context.putLong(FIRST_TOTAL, firstTotal);
        context.putString(TOTAL_CHANGED, Boolean.toString(totalChanged));
        if (cutShort != null) {
            context.putString(CUT_SHORT, cutShort);
        }
    }

    @Override
    public void close() {
        cancelAhead();
    }

    /**
     * Asks for the pages up to {@code end}: the next one always (a partition never waits on another's pages), each
     * one behind it only with a page of the budget, and no more than {@link #FIRST_AHEAD} and one a page handed out.
     */
    private void fetchAhead(long end) {
        while (requestedUpTo < end) {
            boolean behind = !ahead.isEmpty();
            if (behind && (ahead.size() >= FIRST_AHEAD + handedOut || !budget.tryTake())) {
                return;
            }
            request(behind);
        }
    }

    /** The page at {@code requestedUpTo}, the one this reader waits on next; asked for ahead only by fetchAhead. */
    private void request() {
        request(false);
    }

    private void request(boolean borrowed) {
        long at = requestedUpTo;
        if (at > Integer.MAX_VALUE) {
            throw new IllegalStateException("offset " + at + " is past what the API's offset parameter can express");
        }
        ahead.addLast(new Fetch(CompletableFuture.supplyAsync(() -> client.listAssets(query.withOffset((int) at)), prefetcher),
                borrowed));
        requestedUpTo += query.limit();
    }

    private void cancelAhead() {
        for (Fetch fetch : ahead) {
            fetch.page().cancel(true);
            if (fetch.borrowed()) {
                budget.giveBack();
            }
        }
        ahead.clear();
    }

    /** Pages asked for and not yet handed out, answered or not: what this reader holds or will. */
    int pagesAhead() {
        return ahead.size();
    }

    /** A page asked for; {@code borrowed} when it took a page of the budget, given back when it leaves. */
    private record Fetch(CompletableFuture<AssetPage> page, boolean borrowed) {
    }

    private static AssetPage await(CompletableFuture<AssetPage> page) {
        try {
            return page.join();
        } catch (CompletionException | CancellationException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
