package dev.dspm.scanner;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.dspm.scanner.config.ConfigurationException;
import dev.dspm.scanner.config.ExitCode;
import dev.dspm.scanner.manus.ApiKeys;

/**
 * {@code --demo}: the whole job against a simulated tenant on loopback, into an H2 file under
 * ./data/demo. Nothing leaves the machine and no real key is read: the demo's own arguments
 * outrank the environment, so no MANUS_* key or key file set in the shell is read or sent anywhere. The simulator runs
 * in a JVM of its own ({@link DemoTenant}); its user management key is handed over, so the demo enriches owners.
 */
final class DemoMode {

    static final String FLAG = "--demo";
    static final long SEED = 20261125L;
    static final int SHARES = 5_000;
    private static final String DATASOURCE = "--spring.datasource.url=";
    private static final String GRACE = "--dspm.remediation.grace-period=";
    private static final String TENANT = "--dspm.tenant=";
    private static final String REPORTS = "--dspm.report.dir=";
    private static final String PACE = "--dspm.api.max-requests-per-second=";

    private DemoMode() {
    }

    static boolean requested(String[] args) {
        return Arrays.asList(args).contains(FLAG);
    }

    /** Adds {@code setting + value} unless the user's arguments set it (the same setting twice is not one value). */
    private static void defaultTo(String[] args, List<String> demoArgs, String setting, String value) {
        if (Arrays.stream(args).noneMatch(arg -> arg.startsWith(setting))) {
            demoArgs.add(setting + value);
        }
    }

    private static boolean applying(String[] args) {
        return Arrays.stream(args).anyMatch(arg -> arg.equalsIgnoreCase("--dspm.remediation.mode=apply"));
    }

    static int run(String[] args, Map<String, String> variables) {
        DemoTenant tenant;
        try {
            tenant = DemoTenant.start(SEED, SHARES);
        } catch (ConfigurationException e) {
            System.err.println("dspm-scanner: " + e.getMessage());
            return ExitCode.BAD_CONFIGURATION.code();
        } catch (IOException e) {
            System.err.println("dspm-scanner: the demo could not start its simulated tenant: " + e.getMessage());
            return ExitCode.FAILED.code();
        }
        try (DemoTenant simulator = tenant) {
            System.out.printf("demo: a simulated Manus tenant of %,d shares is listening on %s%n", SHARES,
                    simulator.baseUrl());
            List<String> demoArgs = new ArrayList<>(List.of(
                    "--dspm.api.base-url=" + simulator.baseUrl(),
                    "--" + ApiKeys.AUDIT_KEY_ENV + "=" + simulator.key("audit"),
                    // Empty counts as unset: a key file or management key in the shell is neither read nor
                    // refused as "both set".
                    "--" + ApiKeys.AUDIT_KEY_FILE_ENV + "=",
                    // The simulator's own management key only when asked to apply, so that a plain demo cannot write.
                    "--" + ApiKeys.MGMT_KEY_ENV + "=" + (applying(args) ? simulator.key("mgmt") : ""),
                    "--" + ApiKeys.MGMT_KEY_FILE_ENV + "=",
                    "--" + ApiKeys.USER_KEY_ENV + "=" + simulator.key("user"),
                    "--" + ApiKeys.USER_KEY_FILE_ENV + "="));
            defaultTo(args, demoArgs, DATASOURCE, "jdbc:h2:file:./data/demo;COMPRESS=TRUE");
            // The demo's findings are minutes old: without this, the default day of grace would leave its plan empty.
            defaultTo(args, demoArgs, GRACE, "PT0S");
            // Each demo's simulator listens on a new port, and the tenant would be named after it: named once, a plan id
            // the demo prints (an approved plan to apply) names the same tenant in the next demo.
            defaultTo(args, demoArgs, TENANT, "demo");
            // A folder of its own: the demo's database numbers its runs from 1, as the real one does.
            defaultTo(args, demoArgs, REPORTS, "reports/demo");
            // The simulator is on loopback: an apply of the demo's plan need not take the real API's pace.
            defaultTo(args, demoArgs, PACE, "500");
            Arrays.stream(args).filter(arg -> !arg.equals(FLAG)).forEach(demoArgs::add);
            return DspmScannerApplication.run(demoArgs.toArray(String[]::new), Map.of(), variables);
        }
    }
}
