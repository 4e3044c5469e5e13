package dev.dspm.scanner.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.json.JsonMapper;

import dev.dspm.scanner.simulator.ManusSimulator;

/** The simulated tenant, in its own JVM so its CPU and heap are not the harness's; it stops when its stdin closes. */
final class Simulator implements AutoCloseable {

    static final String KEY = ManusSimulator.AUDIT_KEY;
    static final int PAGE = 1000;

    private final Process process;
    private final URI baseUrl;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private Simulator(Process process, URI baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    static Simulator start(int shares) throws IOException {
        return start(shares, List.of());
    }

    /** @param faults more of SimulatorMain's options, e.g. {@code --rate-limit=10} or {@code --shed-429-every=7} */
    static Simulator start(int shares, List<String> faults) throws IOException {
        // the tenant lives in the simulator's heap: 6 GB hold a few million shares, ten million need twice that
        String heap = shares > 4_000_000 ? "-Xmx12g" : "-Xmx6g";
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "-cp", System.getProperty("java.class.path"), "dev.dspm.scanner.simulator.SimulatorMain",
                "--shares=" + shares, "--seed=42", "--port=0"));
        command.addAll(faults);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("SIMULATOR_READY ")) {
                return new Simulator(process, URI.create(line.substring("SIMULATOR_READY ".length()).trim()));
            }
        }
        throw new IllegalStateException("the simulator exited before it was ready");
    }

    URI baseUrl() {
        return baseUrl;
    }

    HttpClient client() {
        return client;
    }

    HttpRequest page(String type, int limit, long offset) {
        return HttpRequest.newBuilder(baseUrl.resolve("/v2/team.asset.list?asset_type=" + type + "&limit=" + limit
                + "&offset=" + offset)).header("X-API-Key", KEY).build();
    }

    byte[] get(String type, int limit, long offset) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(page(type, limit, offset), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the simulator answered " + response.statusCode() + " for " + type);
        }
        return response.body();
    }

    /** What the tenant holds, per type, as the API reports it: the figure every stored count is checked against. */
    Map<String, Long> totals() throws IOException, InterruptedException {
        JsonMapper json = JsonMapper.builder().build();
        Map<String, Long> totals = new LinkedHashMap<>();
        for (String type : ShareColumns.TYPES) {
            totals.put(type, json.readTree(get(type, 1, 0)).get("total").asLong());
        }
        return totals;
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
