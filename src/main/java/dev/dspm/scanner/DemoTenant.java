package dev.dspm.scanner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.dspm.scanner.config.ConfigurationException;

/**
 * The demo's simulated tenant, in a JVM of its own: the simulator is test code, shipped beside the product as
 * {@code dspm-scanner-simulator.jar} and never inside it, so the product jar holds no simulator and no key of one. It
 * prints its keys and its address once it serves, and stops when its stdin closes, so it never outlives the demo.
 */
final class DemoTenant implements AutoCloseable {

    private static final String MAIN = "dev.dspm.scanner.simulator.SimulatorMain";
    private static final String READY = "SIMULATOR_READY ";
    private static final String KEYS = "SIMULATOR_KEYS ";

    private final Process process;
    private final URI baseUrl;
    private final Map<String, String> keys;

    private DemoTenant(Process process, URI baseUrl, Map<String, String> keys) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.keys = keys;
    }

    static DemoTenant start(long seed, int shares) throws IOException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                simulatorClassPath(), MAIN, "--shares=" + shares, "--seed=" + seed, "--port=0")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Map<String, String> keys = new HashMap<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(KEYS)) {
                for (String pair : line.substring(KEYS.length()).trim().split(" ")) {
                    keys.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                }
            } else if (line.startsWith(READY)) {
                return new DemoTenant(process, URI.create(line.substring(READY.length()).trim()), keys);
            }
        }
        process.destroyForcibly();
        throw new IOException("the simulated tenant exited before it was ready");
    }

    /**
     * Beside the product jar when the demo runs from it ({@code target/dspm-scanner.jar} and
     * {@code target/dspm-scanner-simulator.jar}); otherwise (tests, an IDE) the simulator is on the class path.
     */
    private static String simulatorClassPath() {
        String classPath = System.getProperty("java.class.path");
        if (!classPath.endsWith(".jar") || classPath.contains(java.io.File.pathSeparator)) {
            return classPath;
        }
        Path product = Path.of(classPath).toAbsolutePath();
        Path simulator = product.resolveSibling(product.getFileName().toString().replaceFirst("\\.jar$", "-simulator.jar"));
        if (!Files.isRegularFile(simulator)) {
            throw new ConfigurationException("--demo runs its simulated tenant from " + simulator + ", which is not there: "
                    + "./mvnw package builds it beside " + product.getFileName());
        }
        return simulator.toString();
    }

    URI baseUrl() {
        return baseUrl;
    }

    /** The simulator's key of this kind: {@code audit}, {@code mgmt} or {@code user}. */
    String key(String kind) {
        String key = keys.get(kind);
        if (key == null) {
            throw new IllegalStateException("the simulated tenant named no " + kind + " key; it names " + List.copyOf(keys.keySet()));
        }
        return key;
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
