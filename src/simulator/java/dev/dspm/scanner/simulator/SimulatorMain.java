package dev.dspm.scanner.simulator;

import java.io.IOException;
import java.io.InputStream;

/**
 * {@code java -cp target/dspm-scanner-simulator.jar dev.dspm.scanner.simulator.SimulatorMain --shares=1000000 --seed=42
 * --port=0 [--rate-limit=R] [--burst=B] [--shed-429-every=N] [--shed-503-every=M] [--ignore-stdin]}: generates a realistic tenant, starts, prints
 * {@code SIMULATOR_KEYS audit=<key> mgmt=<key> user=<key>} and then {@code SIMULATOR_READY <baseUrl>} to stdout,
 * then serves until killed or until stdin
 * closes. Watching stdin ties the simulator's life to the process that started it, so a benchmark that
 * dies cannot leave it behind; {@code --ignore-stdin} is for starting it by hand in the background.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        SimulatorOptions options;
        try {
            options = SimulatorOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("SimulatorMain: " + e.getMessage());
            System.exit(2);
            return;
        }
        SimulatedTenant tenant = SimulatedTenant.generate(TenantSpec.realistic(options.seed(), options.shares()));
        ManusSimulator simulator = ManusSimulator.start(tenant, options.port());
        if (options.rateLimit() > 0) {
            simulator.faults().rateLimit(options.rateLimit(), options.burst());
        }
        simulator.faults().shedLoad(options.shed429Every(), options.shed503Every());
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "manus-sim-shutdown"));
        System.err.printf("simulator: %d shares, %d members, seed %d, rate limit %s, shedding 1 in %d 429, 1 in %d 503;"
                        + " audit key %s, mgmt key %s, user key %s%n",
                options.shares(), tenant.members().size(), options.seed(),
                options.rateLimit() > 0 ? options.rateLimit() + "/s burst " + options.burst() : "none",
                options.shed429Every(), options.shed503Every(),
                ManusSimulator.AUDIT_KEY, ManusSimulator.MGMT_KEY, ManusSimulator.USER_KEY);
        // The keys first: whoever waits for the ready line then has all it needs, the simulator's keys included.
        System.out.println("SIMULATOR_KEYS audit=" + ManusSimulator.AUDIT_KEY + " mgmt=" + ManusSimulator.MGMT_KEY
                + " user=" + ManusSimulator.USER_KEY);
        System.out.println("SIMULATOR_READY " + simulator.baseUrl());
        System.out.flush();
        if (options.ignoreStdin()) {
            Thread.currentThread().join();
        }
        drain(System.in);
        System.err.println("simulator: stdin closed, stopping");
        simulator.close();
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[1024];
        while (in.read(buffer) >= 0) {
            // Nothing is read from stdin; only its end matters.
        }
    }
}
