package dev.dspm.scanner.manus;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The exchanges of one call that have not been settled yet, oldest first. Used by one thread. */
final class OpenExchanges {

    /**
     * @param number        the attempt it is, 1-based
     * @param permit        from the rate limiter, handed back with the answer
     * @param deadlineNanos when it is given up (System.nanoTime)
     */
    record Exchange(CompletableFuture<HttpResponse<byte[]>> response, int number, long permit, long startedNanos,
            long deadlineNanos) {

        boolean finished(long nowNanos) {
            return response.isDone() || nowNanos >= deadlineNanos;
        }
    }

    private final List<Exchange> open = new ArrayList<>();

    void add(Exchange exchange) {
        open.add(exchange);
    }

    boolean isEmpty() {
        return open.isEmpty();
    }

    /** The exchange started last, or null. */
    Exchange newest() {
        return open.isEmpty() ? null : open.get(open.size() - 1);
    }

    /**
     * Waits in real time until an exchange answers or fails, {@code stop} completes, an exchange's deadline
     * comes or {@code untilNanos}, whichever is first.
     */
    void await(long untilNanos, CompletableFuture<?> stop) throws InterruptedException {
        long until = untilNanos;
        CompletableFuture<?>[] watched = new CompletableFuture<?>[open.size() + 1];
        for (int i = 0; i < open.size(); i++) {
            until = Math.min(until, open.get(i).deadlineNanos());
            watched[i] = open.get(i).response();
        }
        watched[open.size()] = stop;
        long waitNanos = until - System.nanoTime();
        if (waitNanos <= 0) {
            return;
        }
        try {
            CompletableFuture.anyOf(watched).get(waitNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException | CancellationException e) {
            // a deadline came, or an exchange ended badly: the caller settles it
        }
    }

    /** Removes and returns the oldest exchange that has answered, failed or run past its deadline; else null. */
    Exchange takeFinished() {
        long now = System.nanoTime();
        for (Iterator<Exchange> it = open.iterator(); it.hasNext();) {
            Exchange exchange = it.next();
            if (exchange.finished(now)) {
                it.remove();
                return exchange;
            }
        }
        return null;
    }

    /** Cancels every exchange still open (closing its connection), e.g. once another has answered. */
    void cancelAll() {
        open.forEach(exchange -> exchange.response().cancel(true));
        open.clear();
    }
}
