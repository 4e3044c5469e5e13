package dev.dspm.scanner.scan;

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
 * Pages through {@code team.asset.list} for one partition. The next page is fetched while the
 * current one is being written, so the database and the network overlap instead of taking turns.
 * Restart state is the number of shares handed to committed chunks: a resumed partition asks for
 * that offset again, and the snapshot's upsert absorbs whatever was read twice.
 */
class SharePageReader implements ItemStreamReader<Asset> {

    static final String CONSUMED = "consumed";

    private final ManusClient client;
    private final ListQuery query;
    private final Executor prefetcher;
    private final PageTally tally;
    private final ScanProgress progress;
    private final ScanPartition partition;

    private long consumed;
    private long nextOffset;
    private Iterator<Asset> current = List.<Asset>of().iterator();
    private CompletableFuture<AssetPage> next;

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
        next = fetch(nextOffset);
    }

    @Override
    public Asset read() {
        while (!current.hasNext()) {
            if (next == null) {
                return null;
            }
            AssetPage page = await(next);
            next = null;
            tally.page(page.total(), page.throttled());
            progress.page(partition, page.assets().size(), page.throttled());
            nextOffset += page.assets().size();
            // An empty page ends the partition even if total says otherwise: the set shrank under us,
            // and the completeness check, not an endless loop, is where that gets noticed.
            if (!page.assets().isEmpty() && nextOffset < page.total()) {
                next = fetch(nextOffset);
            }
            current = page.assets().iterator();
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
        if (next != null) {
            next.cancel(true);
            next = null;
        }
    }

    private CompletableFuture<AssetPage> fetch(long offset) {
        if (offset > Integer.MAX_VALUE) {
            throw new IllegalStateException("offset " + offset + " is past what the API's offset parameter can express");
        }
        return CompletableFuture.supplyAsync(() -> client.listAssets(query.withOffset((int) offset)), prefetcher);
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
