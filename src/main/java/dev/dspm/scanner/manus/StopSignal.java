package dev.dspm.scanner.manus;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * A client's stop, for a run that must end now (SIGTERM): once given, exchanges in flight are
 * cancelled, every wait that watches {@link #stopped()} ends, and no exchange starts any more.
 * Thread-safe; stopping twice keeps the first reason.
 */
final class StopSignal {

    private final CompletableFuture<String> reason = new CompletableFuture<>();
    private final Set<Future<?>> inFlight = ConcurrentHashMap.newKeySet();

    /** Synchronized with {@link #start}: an exchange either started before (and is cancelled) or never starts. */
    synchronized void stop(String why) {
        if (reason.complete(why == null || why.isBlank() ? "no reason given" : why)) {
            inFlight.forEach(exchange -> exchange.cancel(true));
        }
    }

    /** Completes (with the reason) when the client is stopped: for waits to watch, never to complete. */
    CompletableFuture<String> stopped() {
        return reason;
    }

    /**
     * Throws ABORTED if stopped.
     *
     * @param mayHaveActed whether a request of this call that changes something had gone out
     */
    void check(String what, boolean mayHaveActed) {
        String why = reason.getNow(null);
        if (why != null) {
            throw ManusApiException.aborted(what, why, mayHaveActed);
        }
    }

    /** Starts an exchange unless stopped, and cancels it should the stop come while it is in flight. */
    synchronized <T> CompletableFuture<T> start(String what, Supplier<CompletableFuture<T>> exchange) {
        check(what, false);
        CompletableFuture<T> started = exchange.get();
        inFlight.add(started);
        started.whenComplete((response, failure) -> inFlight.remove(started));
        return started;
    }
}
