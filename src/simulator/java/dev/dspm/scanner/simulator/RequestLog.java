package dev.dspm.scanner.simulator;

import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every request, in the order received. A request is numbered on arrival but recorded once its status
 * is known, so the records are kept by number rather than appended.
 */
final class RequestLog {

    private final AtomicLong arrivals = new AtomicLong();
    private final ConcurrentSkipListMap<Long, RecordedRequest> records = new ConcurrentSkipListMap<>();
    /** Kept apart because the skip list counts its entries one by one. */
    private final AtomicInteger recorded = new AtomicInteger();

    /** Numbers requests from 1; the number also makes the request_id unique. */
    long arrived() {
        return arrivals.incrementAndGet();
    }

    void record(long number, RecordedRequest request) {
        records.put(number, request);
        recorded.incrementAndGet();
    }

    List<RecordedRequest> snapshot() {
        return List.copyOf(records.values());
    }

    int count() {
        return recorded.get();
    }
}
