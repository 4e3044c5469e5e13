package dev.dspm.scanner.manus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The API publishes no rate limit, so the shared limiter has to find it: against a server with a
 * token bucket of R requests/s, several threads paging through it finish close to the least time R
 * allows, and only a few requests are answered 429.
 */
class RateLimitDiscoveryTests {

    static final double LIMIT = 50;
    static final int BURST = 5;
    static final int PAGES = 150;
    static final int THREADS = 5;

    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger throttled = new AtomicInteger();
    final TokenBucket bucket = new TokenBucket(LIMIT, BURST);
    HttpServer server;
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stop() {
        pool.shutdownNow();
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void findsTheServersLimitWithoutAStormOf429s() throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // else Nagle adds 40 ms per answer
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::answer);
        server.start();
        URI baseUrl = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        ApiSettings settings = new ApiSettings(baseUrl, 4 * LIMIT, Duration.ofSeconds(2), Duration.ofSeconds(5), 8,
                Duration.ofMillis(200), Duration.ofSeconds(5));
        AdaptiveRateLimiter limiter = new AdaptiveRateLimiter(settings.maxRequestsPerSecond());
        ManusClient client = new ManusClient(settings, ManusTestSupport.auditOnly(), limiter);
        AtomicInteger pagesLeft = new AtomicInteger(PAGES);
        AtomicInteger throttledSeenByPages = new AtomicInteger();

        long started = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            workers.add(pool.submit(() -> {
                while (pagesLeft.getAndDecrement() > 0) {
                    AssetPage page = client.listAssets(ListQuery.of(AssetType.FILE_SHARE, 100));
                    throttledSeenByPages.addAndGet(page.throttled());
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        Duration least = Duration.ofMillis((long) ((PAGES - BURST) / LIMIT * 1000));
        System.out.printf("limit %.0f/s: %d requests, %d answered 429, %d ms, least %d ms (%.2fx)%n", LIMIT,
                requests.get(), throttled.get(), took.toMillis(), least.toMillis(),
                (double) took.toMillis() / least.toMillis());
        assertThat(requests.get() - throttled.get()).isEqualTo(PAGES);
        assertThat(took).isLessThanOrEqualTo(least.multipliedBy(3).dividedBy(2));
        assertThat(throttled.get()).isLessThanOrEqualTo(requests.get() / 10);
        assertThat(throttledSeenByPages.get()).isEqualTo(throttled.get());
        assertThat(limiter.throttledCount()).isEqualTo(throttled.get());
        assertThat(limiter.currentRate()).isBetween(LIMIT / 2, LIMIT * 1.5);
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        boolean allowed = bucket.take();
        if (!allowed) {
            throttled.incrementAndGet();
        }
        byte[] body = (allowed
                ? "{\"ok\":true,\"request_id\":\"r\",\"assets\":[{\"uid\":\"s\"}],\"total\":1}"
                : ManusTestSupport.errorBody("t", "resource_exhausted", "slow down"))
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(allowed ? 200 : 429, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** The usual server-side limiter: refills at {@code rate}, holds at most {@code burst} tokens. */
    static final class TokenBucket {
        private final double rate;
        private final double burst;
        private double tokens;
        private long last = System.nanoTime();

        TokenBucket(double rate, double burst) {
            this.rate = rate;
            this.burst = burst;
            this.tokens = burst;
        }

        synchronized boolean take() {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - last) / 1e9 * rate);
            last = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
