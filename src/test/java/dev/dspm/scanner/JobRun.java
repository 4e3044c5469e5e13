package dev.dspm.scanner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.dspm.scanner.simulator.ManusSimulator;

/** Runs the real application in-process against a simulator and a database, as a user would. */
public final class JobRun {

    /**
     * Where runs write their reports unless a test names its own folder: never the working directory's, one folder per
     * test JVM, as two of them run at once, and one per database within it, as the job refuses a folder another
     * database's runs wrote to.
     */
    private static final String REPORTS = "target/test-reports/fork-" + System.getProperty("test.fork", "0");

    /** The report folder of the runs of {@code jdbcUrl} that name none. */
    public static String reports(String jdbcUrl) {
        return REPORTS + "/" + Integer.toHexString(jdbcUrl.hashCode());
    }

    private JobRun() {
    }

    public static int against(ManusSimulator simulator, String jdbcUrl, String... extraArgs) {
        return DspmScannerApplication.run(arguments(simulator, jdbcUrl, extraArgs).toArray(String[]::new),
                Map.of("MANUS_ASSET_AUDIT_KEY", ManusSimulator.AUDIT_KEY));
    }

    /** The command line of such a run; the audit key goes in the environment variable MANUS_ASSET_AUDIT_KEY. */
    public static List<String> arguments(ManusSimulator simulator, String jdbcUrl, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of(
                "--dspm.api.base-url=" + simulator.baseUrl(),
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + TestDatabases.user(jdbcUrl),
                "--spring.datasource.password=" + TestDatabases.password(jdbcUrl),
                "--dspm.api.max-requests-per-second=2000",
                "--dspm.api.initial-backoff=PT0.01S",
                "--dspm.api.max-backoff=PT0.05S",
                "--dspm.scan.progress-interval=PT1S",
                "--dspm.scan.commit-interval=100",
                "--dspm.report.dir=" + reports(jdbcUrl)));
        // A repeated --name=value would reach Spring as "a,b": a test's own value replaces the default.
        for (String extra : extraArgs) {
            String name = extra.substring(0, extra.indexOf('=') + 1);
            args.removeIf(arg -> arg.startsWith(name));
            args.add(extra);
        }
        return args;
    }
}
