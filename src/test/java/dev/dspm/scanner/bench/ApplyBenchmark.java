package dev.dspm.scanner.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.dspm.scanner.simulator.AuditEntry;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.RecordedRequest;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * Applying an approved plan of {@value #ACTIONS} actions against a simulator that throttles at {@value #RATE}
 * requests/s (token bucket, a second's burst), as the job does it: the jar in its own JVM, H2, the default ceiling of
 * its rate limiter. A plan night (no limit) makes the plan, which is cut to exactly {@value #ACTIONS} actions; the
 * apply night applies it as approved. The time is the remediation step's own (Spring Batch's step table); the floor
 * is the issue's, two requests an action at the limit, and beside it the requests the apply actually made at the limit.
 * {@code java ... ApplyBenchmark <jar> [threads[/shed]...]} prints one table; {@code /shed} adds the shedding
 * (every 7th request answered 429, every 11th 503, whatever the rate) to the token bucket.
 */
final class ApplyBenchmark {

    static final int ACTIONS = 1_000;
    static final int RATE = 20;
    /** A realistic tenant this large plans a little over {@value #ACTIONS} actions. */
    static final int SHARES = 8_000;
    private static final String UPDATE_SCOPE = "/v2/team.asset.update_scope";
    private static final String KEY_CHECK = "dspm-scanner-key-check-no-such-share";

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        List<String> rows = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("1", "4", "4/shed");
        Path work = Files.createDirectories(Path.of("target", "bench", "apply"));
        double floor = 2.0 * ACTIONS / RATE;
        Table table = new Table(List.of("apply " + ACTIONS + " actions, " + RATE + " requests/s token bucket", "time",
                "vs 100 s floor", "requests made", "their floor", "429s", "applied once"));
        table.add(List.of("floor: " + ACTIONS + " × 2 requests at " + RATE + "/s", String.format(Locale.ROOT, "%.1f s", floor),
                "1.00×", String.valueOf(2 * ACTIONS), String.format(Locale.ROOT, "%.1f s", floor), "", ""));
        for (String row : rows) {
            boolean shed = row.endsWith("/shed");
            int threads = Integer.parseInt(shed ? row.substring(0, row.indexOf('/')) : row);
            table.add(run(jar, work.resolve("threads-" + threads + (shed ? "-shed" : "")), threads, shed, floor));
        }
        System.out.print(table.render());
    }

    private static List<String> run(Path jar, Path dir, int threads, boolean shed, double floor) throws Exception {
        deleteTree(dir);
        Files.createDirectories(dir);
        String url = "jdbc:h2:file:" + dir.resolve("dspm").toAbsolutePath();
        try (ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(42L, SHARES)))) {
            ChildJvm.Outcome plan = job(jar, simulator, url, dir, "plan", "--dspm.api.max-requests-per-second=2000",
                    "--dspm.remediation.grace-period=PT0S");
            if (!plan.ok()) {
                return failed(threads, plan.failure());
            }
            long planned = cutPlan(url);
            if (planned < ACTIONS) {
                return failed(threads, "the plan night planned only " + planned + " actions");
            }
            int before = simulator.requests().size();
            int throttledBefore = simulator.faults().throttledCount();
            simulator.faults().rateLimit(RATE, RATE);
            if (shed) {
                simulator.faults().shedLoad(7, 11);
            }
            ChildJvm.Outcome apply = job(jar, simulator, url, dir, "apply", "--dspm.remediation.mode=apply",
                    "--dspm.remediation.approved-plan=1", "--dspm.remediation.threads=" + threads);
            if (!apply.ok()) {
                return failed(threads, apply.failure());
            }
            List<RecordedRequest> requests = simulator.requests().subList(before, simulator.requests().size());
            long updates = requests.stream().filter(r -> r.path().equals(UPDATE_SCOPE) && !r.body().contains(KEY_CHECK)
                    && r.status() != 429).count();
            long readings = requests.stream().filter(r -> r.query().containsKey("owner_id") && r.status() != 429).count();
            List<String> changed = simulator.tenant().auditLog().stream().map(AuditEntry::shareUid).toList();
            double seconds;
            long applied;
            try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
                seconds = JobReadout.steps(connection).get("remediation");
                applied = count(connection, "SELECT COUNT(*) FROM remediation_action WHERE run_id = 2 AND status = 'APPLIED'");
            }
            boolean once = changed.size() == applied && changed.stream().distinct().count() == applied && applied == ACTIONS;
            return List.of(String.format(Locale.ROOT, "apply, %d thread%s%s (%d listings + %d update_scope)", threads,
                    threads == 1 ? "" : "s", shed ? ", shedding 1/7 429 + 1/11 503" : "", readings, updates), String.format(Locale.ROOT, "%.1f s", seconds),
                    String.format(Locale.ROOT, "%.2f×", seconds / floor), String.valueOf(readings + updates),
                    String.format(Locale.ROOT, "%.1f s", (readings + updates) / (double) RATE),
                    String.valueOf(simulator.faults().throttledCount() - throttledBefore),
                    once ? "yes, " + applied : "NO: " + applied + " applied, " + changed.size() + " changes");
        }
    }

    private static ChildJvm.Outcome job(Path jar, ManusSimulator simulator, String url, Path dir, String night, String... args)
            throws Exception {
        List<String> command = ChildJvm.java("512m", "-jar", jar.toString(), "--dspm.api.base-url=" + simulator.baseUrl(),
                "--spring.datasource.url=" + url, "--spring.datasource.username=sa", "--spring.datasource.password=",
                "--dspm.report.dir=" + dir.resolve("reports"));
        command.addAll(List.of(args));
        return ChildJvm.run(command, Map.of("MANUS_ASSET_AUDIT_KEY", ManusSimulator.AUDIT_KEY, "MANUS_ASSET_MGMT_KEY",
                ManusSimulator.MGMT_KEY), dir.resolve(night + ".log"), Duration.ofMinutes(15));
    }

    /** Leaves exactly {@value #ACTIONS} of the plan night's actions PLANNED (the others waived); returns how many it had. */
    private static long cutPlan(String url) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "sa", ""); Statement statement = connection.createStatement()) {
            long planned = count(connection, "SELECT COUNT(*) FROM remediation_action WHERE run_id = 1 AND status = 'PLANNED'");
            statement.executeUpdate("UPDATE remediation_action SET status = 'SKIPPED', reason = 'WAIVED' WHERE run_id = 1 AND "
                    + "status = 'PLANNED' AND share_uid NOT IN (SELECT share_uid FROM remediation_action WHERE run_id = 1 AND "
                    + "status = 'PLANNED' ORDER BY share_uid LIMIT " + ACTIONS + ")");
            return planned;
        }
    }

    private static long count(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<String> failed(int threads, String why) {
        return List.of("apply, " + threads + " threads", why, "", "", "", "", "");
    }

    private static void deleteTree(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
