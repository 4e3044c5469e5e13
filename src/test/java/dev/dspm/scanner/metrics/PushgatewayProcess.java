package dev.dspm.scanner.metrics;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.dspm.scanner.InstalledTool;

/**
 * Debian's real Prometheus Pushgateway ({@code prometheus-pushgateway}), started on a free loopback port with no
 * persistence file, and killed on close.
 */
final class PushgatewayProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private PushgatewayProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static PushgatewayProcess start() throws Exception {
        Path binary = InstalledTool.require("PUSHGATEWAY_BINARY", "/usr/bin/prometheus-pushgateway", "prometheus-pushgateway");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process process = new ProcessBuilder(List.of(binary.toString(), "--web.listen-address=127.0.0.1:" + port,
                "--persistence.file=", "--log.level=warn")).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        PushgatewayProcess gateway = new PushgatewayProcess(process, port);
        gateway.awaitReady();
        return gateway;
    }

    /** {@code host:port}, as {@code management.prometheus.metrics.export.pushgateway.address} takes it. */
    String address() {
        return "127.0.0.1:" + port;
    }

    /** What Prometheus would scrape from the gateway. */
    String metrics() throws IOException, InterruptedException {
        return get("/metrics").body();
    }

    private void awaitReady() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Pushgateway exited at start with " + process.exitValue());
            }
            try {
                if (get("/-/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        close();
        throw new IllegalStateException("the Pushgateway was not ready on port " + port + " within 20 s");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + address() + path)).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
