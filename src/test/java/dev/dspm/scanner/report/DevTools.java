package dev.dspm.scanner.report;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One DevTools protocol connection (to the browser or to one tab) over the JDK's WebSocket: commands
 * with an id whose result is awaited, and events handed to listeners on the socket's thread.
 */
final class DevTools implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final WebSocket socket;
    // The JDK's WebSocket refuses a send while the previous one is unfinished; sends are chained instead.
    private CompletableFuture<WebSocket> lastSend;
    private volatile String closedBecause;

    private record Listener(String method, Consumer<JsonNode> action) {
    }

    private DevTools(URI url) {
        try {
            this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .connectTimeout(TIMEOUT)
                    .buildAsync(url, new Receiver())
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to Chromium at " + url, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot connect to Chromium's DevTools at " + url + ": " + e, e);
        }
        this.lastSend = CompletableFuture.completedFuture(socket);
    }

    static DevTools connect(URI url) {
        return new DevTools(url);
    }

    /** Sends a command and waits for its result; a protocol error or no answer in time throws, naming the command. */
    JsonNode send(String method, Map<String, ?> params) {
        CompletableFuture<JsonNode> result = sendAsync(method, params);
        try {
            return result.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Chromium to answer " + method, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Chromium did not answer " + method + " within " + TIMEOUT.toSeconds() + "s");
        } catch (ExecutionException e) {
            throw new IllegalStateException(method + " failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Sends a command without waiting; for listeners, which run on the socket's thread and must not block it. */
    CompletableFuture<JsonNode> sendAsync(String method, Map<String, ?> params) {
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        if (closedBecause != null) {
            result.completeExceptionally(new IllegalStateException(closedBecause));
            return result;
        }
        int id = ids.incrementAndGet();
        pending.put(id, result);
        String message = JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params));
        synchronized (this) {
            lastSend = lastSend.thenCompose(s -> s.sendText(message, true));
            lastSend.whenComplete((s, error) -> {
                if (error != null) {
                    pending.remove(id);
                    result.completeExceptionally(error);
                }
            });
        }
        return result;
    }

    /** Calls action with the params of every later event of this method. */
    void on(String method, Consumer<JsonNode> action) {
        listeners.add(new Listener(method, action));
    }

    /** The params of the next event of this method; ask before causing it, so it cannot be missed. */
    CompletableFuture<JsonNode> next(String method) {
        CompletableFuture<JsonNode> event = new CompletableFuture<>();
        Listener once = new Listener(method, event::complete);
        listeners.add(once);
        event.whenComplete((params, error) -> listeners.remove(once));
        return event;
    }

    @Override
    public void close() {
        socket.abort();
        fail("the DevTools connection was closed");
    }

    private void fail(String reason) {
        closedBecause = reason;
        pending.values().forEach(result -> result.completeExceptionally(new IllegalStateException(reason)));
        pending.clear();
    }

    private void receive(String text) {
        JsonNode message = JSON.readTree(text);
        if (message.has("id")) {
            CompletableFuture<JsonNode> result = pending.remove(message.get("id").asInt());
            if (result == null) {
                return;
            }
            if (message.has("error")) {
                JsonNode error = message.get("error");
                result.completeExceptionally(new IllegalStateException(
                        error.path("message").asString() + " " + error.path("data").asString("")));
            } else {
                result.complete(message.path("result"));
            }
        } else {
            String method = message.path("method").asString();
            for (Listener listener : listeners) {
                if (listener.method().equals(method)) {
                    listener.action().accept(message.path("params"));
                }
            }
        }
    }

    private final class Receiver implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    receive(text);
                } catch (RuntimeException e) {
                    // loud rather than lost: every waiting command now fails with this reason
                    fail("a DevTools message could not be handled: " + e);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            fail("Chromium closed the DevTools connection (" + statusCode + " " + reason + ")");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            fail("the DevTools connection failed: " + error);
        }
    }
}
