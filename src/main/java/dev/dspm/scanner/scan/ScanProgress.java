package dev.dspm.scanner.scan;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dspm.scanner.logging.RunLogFields;

/**
 * Live counters per asset type and a progress line for each at a fixed interval, so a person
 * watching a million-share scan sees it move (pages, shares, rate, 429s).
 */
public class ScanProgress {

    private static final Logger log = LoggerFactory.getLogger(ScanProgress.class);

    private final Duration interval;
    private final Map<String, Counters> byType = new ConcurrentSkipListMap<>();
    private final HeapWatch heap = new HeapWatch();
    private ScheduledExecutorService ticker;

    ScanProgress(Duration interval) {
        this.interval = interval;
    }

    void page(ScanPartition partition, int shares, int throttled) {
        Counters counters = byType.computeIfAbsent(partition.assetType().name(), type -> new Counters(System.nanoTime()));
        counters.pages.incrementAndGet();
        counters.shares.addAndGet(shares);
        counters.throttled.addAndGet(throttled);
    }

    /** The progress lines, logged with the run's fields. */
    private Runnable lines;

    public synchronized void start(long runId) {
        byType.clear();
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "scan-progress");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        // The lines are the scan step's, whichever step runs when the last of them is logged.
        lines = RunLogFields.with(runId, "scan", this::logLines);
        ticker.scheduleAtFixedRate(lines, millis, millis, TimeUnit.MILLISECONDS);
        ticker.scheduleAtFixedRate(heap::sample, 100, 100, TimeUnit.MILLISECONDS);
    }

    /** Shares this process read from the API, every pass included. */
    public long sharesRead() {
        return byType.values().stream().mapToLong(c -> c.shares.get()).sum();
    }

    /** The most heap that survived a garbage collection while the job ran. */
    public long peakLiveHeapBytes() {
        return heap.peakLiveBytes();
    }

    /** The last lines, for the types that moved since their last one: a scan shorter than the interval says it ran. */
    public synchronized void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
            lines.run();
        }
    }

    private void logLines() {
        long now = System.nanoTime();
        byType.forEach((type, c) -> {
            // A type that has not moved since the last line (finished, or empty) adds nothing to read.
            if (c.pages.get() == c.loggedPages.getAndSet(c.pages.get())) {
                return;
            }
            double seconds = Math.max(1e-3, (now - c.startNanos) / 1e9);
            log.info(String.format("scan %-21s %,8d pages %,11d shares %,9.0f shares/s %,6d x 429",
                    type, c.pages.get(), c.shares.get(), c.shares.get() / seconds, c.throttled.get()));
        });
    }

    private record Counters(long startNanos, AtomicLong pages, AtomicLong shares, AtomicLong throttled,
            AtomicLong loggedPages) {
        Counters(long startNanos) {
            this(startNanos, new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong());
        }
    }
}
