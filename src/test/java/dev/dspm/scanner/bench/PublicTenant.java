package dev.dspm.scanner.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * The report benchmark's tenant: the scan benchmark's realistic one (seed {@value #SEED}) with every share public,
 * so that a run has many findings (about 1.3 a share with the default pack) from a tenant the job scans in minutes.
 * Served by the simulator in its own JVM, as {@link Simulator} serves the realistic tenant; it stops when its
 * stdin closes.
 *
 * <p>{@code java PublicTenant <shares>} prints {@code SIMULATOR_READY <base url>} once it serves.
 */
final class PublicTenant implements AutoCloseable {

    static final long SEED = 42;

    private final Process process;
    private final URI baseUrl;

    private PublicTenant(Process process, URI baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    static TenantSpec spec(int shares) {
        TenantSpec realistic = TenantSpec.realistic(SEED, shares);
        return new TenantSpec(realistic.seed(), realistic.sharesPerType(), realistic.owners(), 1.0, realistic.staleShare(),
                realistic.hostileShare(), realistic.unknownEnumShare());
    }

    public static void main(String[] args) throws IOException {
        ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(spec(Integer.parseInt(args[0]))), 0);
        System.out.println("SIMULATOR_READY " + simulator.baseUrl());
        System.out.flush();
        byte[] buffer = new byte[1024];
        while (System.in.read(buffer) >= 0) {
            // Nothing is read from stdin; only its end matters.
        }
        simulator.close();
    }

    static PublicTenant start(int shares) throws IOException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx6g",
                "-cp", System.getProperty("java.class.path"), PublicTenant.class.getName(), Integer.toString(shares))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("SIMULATOR_READY ")) {
                return new PublicTenant(process, URI.create(line.substring("SIMULATOR_READY ".length()).trim()));
            }
        }
        throw new IllegalStateException("the simulator exited before it was ready");
    }

    URI baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() throws InterruptedException, IOException {
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
