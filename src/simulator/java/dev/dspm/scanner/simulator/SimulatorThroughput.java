package dev.dspm.scanner.simulator;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Proves the simulator is never the bottleneck: one sequential client downloads every page of every
 * type with {@code limit=1000} and prints the rate. Everything on one core:
 * {@code taskset -c 0 java -cp target/classes dev.dspm.scanner.simulator.SimulatorThroughput [--shares=200000] [--passes=3]};
 * or against a simulator already running in its own JVM: {@code --base-url=http://127.0.0.1:PORT}.
 * The wall-clock rate includes the client's own cost, so it understates the server; when the simulator
 * runs in-process, the rate per CPU-second of its own threads (workers and the JDK server's dispatcher)
 * isolates it.
 */
final class SimulatorThroughput {

    private static final int LIMIT = 1000;
    private static final byte[] ASSET_START = "{\"uid\":".getBytes(StandardCharsets.US_ASCII);

    private record Counts(long assets, long pages, long bytes) {
    }

    private SimulatorThroughput() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int shares = 200_000;
        int passes = 3;
        URI external = null;
        for (String arg : args) {
            if (arg.startsWith("--shares=")) {
                shares = Integer.parseInt(arg.substring("--shares=".length()));
            } else if (arg.startsWith("--passes=")) {
                passes = Integer.parseInt(arg.substring("--passes=".length()));
            } else if (arg.startsWith("--base-url=")) {
                external = URI.create(arg.substring("--base-url=".length()));
            } else {
                throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (external != null) {
            measure(external, passes, null);
            return;
        }
        try (ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(42, shares)))) {
            measure(simulator.baseUrl(), passes, simulator);
        }
    }

    private static void measure(URI base, int passes, ManusSimulator inProcess) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        downloadAll(client, base);
        System.out.println("warm-up pass done");
        double best = 0;
        long assets = 0;
        for (int pass = 1; pass <= passes; pass++) {
            long serverCpuBefore = serverCpuNanos();
            long started = System.nanoTime();
            Counts counts = downloadAll(client, base);
            double seconds = (System.nanoTime() - started) / 1e9;
            double serverCpuSeconds = (serverCpuNanos() - serverCpuBefore) / 1e9;
            double rate = counts.assets() / seconds;
            best = Math.max(best, rate);
            assets = counts.assets();
            System.out.printf("pass %d: %d assets, %d pages, %.1f MB in %.3f s = %,.0f assets/s (%.0f MB/s)%s%n",
                    pass, counts.assets(), counts.pages(), counts.bytes() / 1e6, seconds, rate, counts.bytes() / 1e6 / seconds,
                    inProcess == null ? "" : String.format("; server threads %.3f CPU-s = %,.0f assets per server CPU-second",
                            serverCpuSeconds, counts.assets() / serverCpuSeconds));
        }
        System.out.printf("SimulatorThroughput assets=%d limit=%d best=%,.0f assets/s%n", assets, LIMIT, best);
    }

    /** Fails loudly if the pages do not add up to the totals the server reported. */
    private static Counts downloadAll(HttpClient client, URI base) throws IOException, InterruptedException {
        long assets = 0;
        long pages = 0;
        long bytes = 0;
        long expected = 0;
        for (ShareType type : ShareType.values()) {
            int total = Integer.MAX_VALUE;
            for (int offset = 0; offset < total; offset += LIMIT) {
                HttpRequest request = HttpRequest.newBuilder(base.resolve(ApiNames.LIST_PATH + "?" + ApiNames.ASSET_TYPE + "="
                                + type.wire() + "&" + ApiNames.LIMIT + "=" + LIMIT + "&" + ApiNames.OFFSET + "=" + offset))
                        .header(ApiNames.API_KEY_HEADER, ManusSimulator.AUDIT_KEY)
                        .build();
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("status " + response.statusCode() + " at " + request.uri());
                }
                byte[] body = response.body();
                assets += count(body, ASSET_START);
                pages++;
                bytes += body.length;
                total = totalOf(body);
            }
            expected += total;
        }
        if (assets != expected) {
            throw new IllegalStateException("downloaded " + assets + " assets, the server reported " + expected);
        }
        return new Counts(assets, pages, bytes);
    }

    private static long serverCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (ThreadInfo info : threads.dumpAllThreads(false, false)) {
            String name = info.getThreadName();
            if (name.startsWith("manus-sim") || name.startsWith("HTTP-Dispatcher")) {
                sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    private static int count(byte[] haystack, byte[] needle) {
        int found = 0;
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            found++;
        }
        return found;
    }

    /** "total" comes after the assets array, so it is found from the end. */
    private static int totalOf(byte[] body) {
        String tail = new String(body, Math.max(0, body.length - 100), Math.min(100, body.length), StandardCharsets.US_ASCII);
        int at = tail.lastIndexOf("\"total\":") + "\"total\":".length();
        return Integer.parseInt(tail.substring(at, tail.indexOf(',', at)));
    }
}
