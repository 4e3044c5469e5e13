package dev.dspm.scanner.scan;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import dev.dspm.scanner.manus.Asset;
import dev.dspm.scanner.manus.AssetPage;
import dev.dspm.scanner.manus.ListQuery;
import dev.dspm.scanner.manus.ManusClient;

/**
 * Pages through {@code team.asset.list} for one partition. Up to {@link #AHEAD} pages are fetched and
 * parsed while the current chunk is written, so the database and the network overlap instead of taking
 * turns. Pages ahead are requested at the offsets full pages would reach; a short page (the set shrank,
 * or a lying server) drops them and paging continues from where that page really ended.
 * Restart state is the number of shares handed to committed chunks: a resumed partition asks for
 * that offset again, and the snapshot's upsert absorbs whatever was read twice.
 */
class SharePageReader implements ItemStreamReader<Asset> {

    static final String CONSUMED = "consumed";
    static final int AHEAD = 3;

    private final ManusClient client;
    private final ListQuery query;
    private final Executor prefetcher;
    private final PageTally tally;
    private final ScanProgress progress;
    private final ScanPartition partition;
    private final Deque<CompletableFuture<AssetPage>> ahead = new ArrayDeque<>();

    private long consumed;
    private long nextOffset;
    private long requestedUpTo;
    private boolean finished;
    private Iterator<Asset> current = List.<Asset>of().iterator();

    SharePageReader(ManusClient client, ScanPartition partition, ListQuery query, Executor prefetcher, PageTally tally,
            ScanProgress progress) {
        this.client = client;
        this.partition = partition;
        this.query = query;
        this.prefetcher = prefetcher;
        this.tally = tally;
        this.progress = progress;
    }

    @Override
    public void open(ExecutionContext context) {
        consumed = context.getLong(CONSUMED, 0L);
        nextOffset = consumed;
        requestedUpTo = consumed;
        request();
    }

    @Override
    public Asset read() {
        while (!current.hasNext()) {
            if (finished || ahead.isEmpty()) {
                return null;
            }
            AssetPage page = await(ahead.removeFirst());
            tally.page(page.total(), page.throttled());
            progress.page(partition, page.assets().size(), page.throttled());
            nextOffset += page.assets().size();
            current = page.assets().iterator();
            // An empty page ends the partition even if total says otherwise: the set shrank under us,
            // and the completeness check, not an endless loop, is where that gets noticed.
            if (page.assets().isEmpty() || nextOffset >= page.total()) {
                finished = true;
                cancelAhead();
            } else {
                if (page.assets().size() < query.limit() && !ahead.isEmpty()) {
                    cancelAhead();
                    requestedUpTo = nextOffset;
                }
                while (ahead.size() < AHEAD && requestedUpTo < page.total()) {
                    request();
                }
            }
        }
        consumed++;
        return current.next();
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(CONSUMED, consumed);
    }

    @Override
    public void close() {
        cancelAhead();
    }

    private void request() {
        long offset = requestedUpTo;
        if (offset > Integer.MAX_VALUE) {
            throw new IllegalStateException("offset " + offset + " is past what the API's offset parameter can express");
        }
        ahead.addLast(CompletableFuture.supplyAsync(() -> client.listAssets(query.withOffset((int) offset)), prefetcher));
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
