package dev.dspm.scanner.manus;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A client's stop, for a run that must end now (SIGTERM). Once given, every wait that watches
 * {@link #stopped()} ends, each call then cancels the exchanges it has open, and no exchange starts
 * any more. Thread-safe; stopping twice keeps the first reason.
 */
final class StopSignal {

    private final CompletableFuture<String> reason = new CompletableFuture<>();

    /** Synchronized with {@link #start}: once this returns, no exchange starts. */
    synchronized void stop(String why) {
        reason.complete(why == null || why.isBlank() ? "no reason given" : why);
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

    /** Starts an exchange unless stopped. */
    synchronized <T> CompletableFuture<T> start(String what, Supplier<CompletableFuture<T>> exchange) {
        check(what, false);
        return exchange.get();
    }
}
