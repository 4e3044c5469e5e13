package dev.dspm.scanner.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Every request's path through the simulator: number it, let the faults decide, then (possibly later)
 * authenticate, route, answer with a Content-Length JSON body, and record it.
 */
final class RequestRouter implements HttpHandler {

    private static final ThreadLocal<JsonBuffer> BUFFERS = ThreadLocal.withInitial(() -> new JsonBuffer(512 * 1024));

    private final SimulatedTenant tenant;
    private final Faults faults;
    private final Lies lies;
    private final RequestLog log;
    private final Executor workers;
    private final ScheduledExecutorService timer;
    private final ListHandler list;
    private final UpdateScopeHandler updateScope;
    private final UserListHandler users;

    RequestRouter(SimulatedTenant tenant, Faults faults, Lies lies, RequestLog log, Executor workers,
            ScheduledExecutorService timer) {
        this.tenant = tenant;
        this.faults = faults;
        this.lies = lies;
        this.log = log;
        this.workers = workers;
        this.timer = timer;
        this.list = new ListHandler(tenant, lies);
        this.updateScope = new UpdateScopeHandler(tenant);
        this.users = new UserListHandler(tenant);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long receivedAt = System.nanoTime();
        long number = log.arrived();
        Incoming incoming;
        try {
            incoming = Incoming.read(exchange);
        } catch (IOException e) {
            exchange.close();
            return;
        }
        FaultDecision decision = faults.decide(incoming);
        if (decision.kind() == FaultDecision.Kind.DROP) {
            // Recorded first, so that a client which sees the outcome also finds it in requests().
            log.record(number, incoming.recorded(0, receivedAt));
            // Closing before any response header makes the server drop the connection: no status line at all.
            exchange.close();
            return;
        }
        Runnable answer = () -> answer(exchange, incoming, decision, number, receivedAt);
        if (decision.delay().isZero() || decision.delay().isNegative()) {
            answer.run();
        } else {
            // A timer rather than a sleep, so slow responses never tie up the few worker threads.
            timer.schedule(() -> workers.execute(answer), decision.delay().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void answer(HttpExchange exchange, Incoming incoming, FaultDecision decision, long number, long receivedAt) {
        JsonBuffer out = BUFFERS.get();
        out.reset();
        String requestId = lies.requestId(faults.requestId(number), incoming.apiKey());
        int status = 200;
        try {
            if (decision.kind() == FaultDecision.Kind.FAIL) {
                status = decision.status();
                String message = status == 429
                        ? "too many requests, retry after " + decision.retryAfterSeconds() + " s"
                        : "injected failure (" + status + ")";
                error(out, requestId, ErrorCode.forInjectedStatus(status), message, incoming);
            } else {
                decision.mutations().forEach(mutation -> mutation.accept(tenant));
                route(incoming, requestId, out);
                if (decision.kind() == FaultDecision.Kind.APPLY_THEN_FAIL) {
                    status = decision.status();
                    out.reset();
                    error(out, requestId, ErrorCode.forInjectedStatus(status), "failed after applying (" + status + ")", incoming);
                }
            }
        } catch (ApiException e) {
            status = e.code().status();
            out.reset();
            error(out, requestId, e.code(), e.getMessage(), incoming);
        } catch (RuntimeException e) {
            status = ErrorCode.INTERNAL.status();
            out.reset();
            error(out, requestId, ErrorCode.INTERNAL, "simulator error: " + e, incoming);
        }
        if (decision.kind() == FaultDecision.Kind.WITHHOLD) {
            log.record(number, incoming.recorded(0, receivedAt));
            // Handled, possibly applied, and never answered: closing before any header drops the connection.
            timer.schedule(exchange::close, decision.withheldFor().toNanos(), TimeUnit.NANOSECONDS);
            return;
        }
        if (status == 429) {
            faults.countThrottled();
        }
        log.record(number, incoming.recorded(status, receivedAt));
        send(exchange, status, decision.retryAfterSeconds(), out);
    }

    private void error(JsonBuffer out, String requestId, ErrorCode code, String message, Incoming incoming) {
        Envelope.error(out, requestId, lies.errorCode(code, incoming.apiKey()), lies.errorMessage(message, incoming.apiKey()));
    }

    private void route(Incoming incoming, String requestId, JsonBuffer out) {
        String method = incoming.method();
        if (incoming.isList() && method.equals("GET")) {
            requireKey(incoming.keyType().mayList(), incoming.keyType());
            list.answer(incoming.query(), requestId, out);
        } else if (incoming.isUserList() && method.equals("GET")) {
            requireKey(incoming.keyType().mayListUsers(), incoming.keyType());
            users.answer(incoming.query(), requestId, out);
        } else if (incoming.isUpdateScope()) {
            requireKey(incoming.keyType().mayUpdateScope(), incoming.keyType());
            if (incoming.bodyTooLarge()) {
                throw new ApiException(ErrorCode.INVALID_ARGUMENT, "request body too large");
            }
            updateScope.answer(incoming.body(), requestId, out);
        } else {
            throw new ApiException(ErrorCode.NOT_FOUND, "no such method: " + method + " " + incoming.path());
        }
    }

    private static void requireKey(boolean allowed, KeyType keyType) {
        if (keyType == KeyType.MISSING || keyType == KeyType.WRONG) {
            throw new ApiException(ErrorCode.UNAUTHENTICATED, "missing or invalid API key");
        }
        if (!allowed) {
            throw new ApiException(ErrorCode.PERMISSION_DENIED, "this key type may not call this method");
        }
    }

    private static void send(HttpExchange exchange, int status, int retryAfterSeconds, JsonBuffer body) {
        try {
            Headers headers = exchange.getResponseHeaders();
            headers.set("Content-Type", "application/json");
            if (retryAfterSeconds != FaultDecision.NO_RETRY_AFTER) {
                headers.set("Retry-After", Integer.toString(retryAfterSeconds));
            }
            exchange.sendResponseHeaders(status, body.size());
            OutputStream stream = exchange.getResponseBody();
            stream.write(body.array(), 0, body.size());
        } catch (IOException e) {
            // The client went away mid-response; there is no one left to tell.
        } finally {
            exchange.close();
        }
    }
}
