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
 * type, {@code limit=1000}, and the rate is printed. Run on one core with
 * {@code taskset -c 0 java -cp target/classes dev.dspm.scanner.simulator.SimulatorThroughput [--shares=200000] [--passes=3]}.
 * The wall-clock rate includes the client's own cost, so it understates the server; the rate per
 * CPU-second of the server's own threads (workers and the JDK server's dispatcher) isolates it.
 */
final class SimulatorThroughput {

    private static final int LIMIT = 1000;
    private static final byte[] ASSET_START = "{\"uid\":".getBytes(StandardCharsets.US_ASCII);

    private SimulatorThroughput() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int shares = 200_000;
        int passes = 3;
        for (String arg : args) {
            if (arg.startsWith("--shares=")) {
                shares = Integer.parseInt(arg.substring("--shares=".length()));
            } else if (arg.startsWith("--passes=")) {
                passes = Integer.parseInt(arg.substring("--passes=".length()));
            } else {
                throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        SimulatedTenant tenant = SimulatedTenant.generate(TenantSpec.realistic(42, shares));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (ManusSimulator simulator = ManusSimulator.start(tenant)) {
            downloadAll(client, simulator.baseUrl(), shares);
            System.out.println("warm-up pass done");
            double best = 0;
            for (int pass = 1; pass <= passes; pass++) {
                long started = System.nanoTime();
                long serverCpuBefore = serverCpuNanos();
                long[] counted = downloadAll(client, simulator.baseUrl(), shares);
                double seconds = (System.nanoTime() - started) / 1e9;
                double serverCpuSeconds = (serverCpuNanos() - serverCpuBefore) / 1e9;
                double rate = counted[0] / seconds;
                best = Math.max(best, rate);
                System.out.printf("pass %d: %d assets, %d pages, %.1f MB in %.3f s = %,.0f assets/s (%.0f MB/s);"
                                + " server threads %.3f CPU-s = %,.0f assets per server CPU-second%n",
                        pass, counted[0], counted[1], counted[2] / 1e6, seconds, rate, counted[2] / 1e6 / seconds,
                        serverCpuSeconds, counted[0] / serverCpuSeconds);
            }
            System.out.printf("SimulatorThroughput shares=%d limit=%d best=%,.0f assets/s%n", shares, LIMIT, best);
        }
    }

    /** Returns {assets, pages, bytes}; fails loudly if the pages do not add up to the tenant. */
    private static long[] downloadAll(HttpClient client, URI base, int expected) throws IOException, InterruptedException {
        long assets = 0;
        long pages = 0;
        long bytes = 0;
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
        }
        if (assets != expected) {
            throw new IllegalStateException("downloaded " + assets + " assets, tenant has " + expected);
        }
        return new long[] {assets, pages, bytes};
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
        int end = tail.indexOf(',', at);
        return Integer.parseInt(tail.substring(at, end));
    }
}
