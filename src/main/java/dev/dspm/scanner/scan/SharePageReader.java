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
 * Pages through {@code team.asset.list} for one partition. Up to {@link #AHEAD} pages are fetched and
 * parsed while the current chunk is written, so the database and the network overlap instead of taking
 * turns. Pages ahead are requested at the offsets full pages would reach; a short page (the set shrank,
 * or a lying server) drops them and paging continues from where that page really ended.
 *
 * <p>Offset paging over a set that changes skips and repeats rows. A read of the partition (a pass) is
 * consistent when every page reported the same total and the pass handed out exactly that many rows;
 * otherwise the partition is read again from offset 0, at most {@code maxRereads} times, and the writer
 * replaces the earlier pass's rows. Restart state is the pass and the offset its committed chunks reached.
 */
public class SharePageReader implements ItemStreamReader<ListedPage> {

    private static final Logger log = LoggerFactory.getLogger(SharePageReader.class);
    static final String PASS = "pass";
    static final String OFFSET = "consumed";
    static final String FIRST_TOTAL = "passFirstTotal";
    static final String TOTAL_CHANGED = "passTotalChanged";
    public static final int AHEAD = 3;

    private final ManusClient client;
    private final ListQuery query;
    private final Executor prefetcher;
    private final ScanProgress progress;
    private final ScanPartition partition;
    private final int maxRereads;
    private final Deque<CompletableFuture<AssetPage>> ahead = new ArrayDeque<>();

    private int pass;
    private long offset;
    private long firstTotal;
    private boolean totalChanged;
    private long requestedUpTo;

    SharePageReader(ManusClient client, ScanPartition partition, ListQuery query, Executor prefetcher,
            ScanProgress progress, int maxRereads) {
        this.client = client;
        this.partition = partition;
        this.query = query;
        this.prefetcher = prefetcher;
        this.progress = progress;
        this.maxRereads = maxRereads;
    }

    @Override
    public void open(ExecutionContext context) {
        pass = context.getInt(PASS, 1);
        offset = context.getLong(OFFSET, 0L);
        firstTotal = context.getLong(FIRST_TOTAL, -1L);
        totalChanged = Boolean.parseBoolean(context.getString(TOTAL_CHANGED, "false"));
        requestedUpTo = offset;
        request();
    }

    @Override
    public ListedPage read() {
        while (ahead.isEmpty()) {
            if (consistent() || pass > maxRereads) {
                return null;
            }
            log.warn("{}: the listing changed while it was paged (total {} at the first page, {} rows read{}); "
                    + "reading it again, pass {} of at most {}", partition.key(), firstTotal, offset,
                    totalChanged ? ", total moved" : "", pass + 1, maxRereads + 1);
            startPass(pass + 1);
        }
        AssetPage page = await(ahead.removeFirst());
        ListedPage listed = new ListedPage(pass, offset, page);
        if (firstTotal < 0) {
            firstTotal = page.total();
        } else if (page.total() != firstTotal) {
            totalChanged = true;
        }
        int rows = page.assets().size();
        progress.page(partition, rows, page.throttled());
        offset += rows;
        // An empty page ends the pass even if total says otherwise: the set shrank under us, and the
        // consistency check, not an endless loop, is where that gets noticed.
        if (rows == 0 || offset >= page.total()) {
            cancelAhead();
        } else {
            if (rows < query.limit() && !ahead.isEmpty()) {
                cancelAhead();
                requestedUpTo = offset;
            }
            while (ahead.size() < AHEAD && requestedUpTo < page.total()) {
                request();
            }
        }
        return listed;
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
    }

    @Override
    public void close() {
        cancelAhead();
    }

    private void request() {
        long at = requestedUpTo;
        if (at > Integer.MAX_VALUE) {
            throw new IllegalStateException("offset " + at + " is past what the API's offset parameter can express");
        }
        ahead.addLast(CompletableFuture.supplyAsync(() -> client.listAssets(query.withOffset((int) at)), prefetcher));
        requestedUpTo += query.limit();
    }

    private void cancelAhead() {
        ahead.forEach(page -> page.cancel(true));
        ahead.clear();
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
