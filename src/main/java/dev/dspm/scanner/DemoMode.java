package dev.dspm.scanner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * {@code --demo}: the whole job against a simulated tenant on loopback, into an H2 file under
 * ./data/demo. Nothing leaves the machine and no real key is read: the demo's own arguments
 * outrank the environment, so a MANUS_ASSET_* key set in the shell is never sent anywhere.
 */
final class DemoMode {

    static final String FLAG = "--demo";
    static final long SEED = 20261125L;
    static final int SHARES = 5_000;
    private static final String DATASOURCE = "--spring.datasource.url=";

    private DemoMode() {
    }

    static boolean requested(String[] args) {
        return Arrays.asList(args).contains(FLAG);
    }

    static int run(String[] args) {
        SimulatedTenant tenant = SimulatedTenant.generate(TenantSpec.realistic(SEED, SHARES));
        try (ManusSimulator simulator = ManusSimulator.start(tenant)) {
            System.out.printf("demo: a simulated Manus tenant of %,d shares is listening on %s%n", SHARES,
                    simulator.baseUrl());
            List<String> demoArgs = new ArrayList<>(List.of(
                    "--dspm.api.base-url=" + simulator.baseUrl(),
                    "--MANUS_ASSET_AUDIT_KEY=" + ManusSimulator.AUDIT_KEY));
            if (Arrays.stream(args).noneMatch(arg -> arg.startsWith(DATASOURCE))) {
                demoArgs.add(DATASOURCE + "jdbc:h2:file:./data/demo");
            }
            Arrays.stream(args).filter(arg -> !arg.equals(FLAG)).forEach(demoArgs::add);
            return DspmScannerApplication.run(demoArgs.toArray(String[]::new), Map.of());
        }
    }
}
