package dev.dspm.scanner.scan;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The most heap the run kept alive: the largest total of the heap pools as the last garbage
 * collection left them, sampled while the job runs. Used heap between collections is mostly garbage
 * and says nothing about whether a scan streams; what survives a collection does.
 */
final class HeapWatch {

    private static final List<MemoryPoolMXBean> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null)
            .toList();

    private final AtomicLong peakBytes = new AtomicLong();

    void sample() {
        long live = 0;
        for (MemoryPoolMXBean pool : HEAP_POOLS) {
            MemoryUsage afterGc = pool.getCollectionUsage();
            live += afterGc == null ? 0 : afterGc.getUsed();
        }
        peakBytes.accumulateAndGet(live, Math::max);
    }

    long peakLiveBytes() {
        sample();
        return peakBytes.get();
    }
}
