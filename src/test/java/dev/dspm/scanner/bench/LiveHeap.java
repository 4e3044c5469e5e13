package dev.dspm.scanner.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The most heap a program kept alive, measured as the job's HeapWatch does (scan/, package-private there): the
 * total of the heap pools as the last garbage collection left them, sampled every {@value #INTERVAL_MS} ms by a
 * daemon thread. Used heap between collections is mostly garbage; what survives a collection is what streams or not.
 */
public final class LiveHeap {

    static final long INTERVAL_MS = 50;
    private static final List<MemoryPoolMXBean> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null)
            .toList();

    private final AtomicLong peakBytes = new AtomicLong();

    private LiveHeap() {
    }

    /** Starts sampling until the JVM exits. */
    public static LiveHeap watch() {
        LiveHeap heap = new LiveHeap();
        Thread sampler = new Thread(() -> {
            while (true) {
                heap.sample();
                try {
                    Thread.sleep(INTERVAL_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "live-heap");
        sampler.setDaemon(true);
        sampler.start();
        return heap;
    }

    public long peakBytes() {
        sample();
        return peakBytes.get();
    }

    private void sample() {
        long live = 0;
        for (MemoryPoolMXBean pool : HEAP_POOLS) {
            MemoryUsage afterGc = pool.getCollectionUsage();
            live += afterGc == null ? 0 : afterGc.getUsed();
        }
        peakBytes.accumulateAndGet(live, Math::max);
    }
}
