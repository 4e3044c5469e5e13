package dev.dspm.scanner.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.simulator.AuditEntry;
import dev.dspm.scanner.simulator.ListedShare;
import dev.dspm.scanner.simulator.ManusSimulator;

/**
 * Nights of the real job against a simulator, and what remediation recorded of them: the remediation tests' common
 * ground. Counts come from the simulator (the calls it received, its audit log) and from the job's own tables.
 */
final class RemediationNights {

    static final String[] TYPES = { "ASSET_TYPE_FILE_SHARE", "ASSET_TYPE_SESSION_SHARE", "ASSET_TYPE_SESSION_COLLABORATION",
            "ASSET_TYPE_WEBSITE_PUBLISH", "ASSET_TYPE_PROJECT_SHARE" };
    static final String UPDATE_SCOPE = "/v2/team.asset.update_scope";

    /** Apply mode with both asset keys, no grace period and room for every action of the test tenants. */
    static final String[] APPLY = { "--dspm.remediation.mode=apply", "--MANUS_ASSET_MGMT_KEY=" + ManusSimulator.MGMT_KEY,
            "--MANUS_ASSET_AUDIT_KEY=" + ManusSimulator.AUDIT_KEY, "--dspm.remediation.grace-period=PT0S",
            "--dspm.remediation.max-actions=1000" };

    record Row(String uid, String policy, String from, String to, String note, String status, String reason, String requestId,
            String error) {
    }

    private final ManusSimulator simulator;
    private final Path dir;

    RemediationNights(ManusSimulator simulator, Path dir) {
        this.simulator = simulator;
        this.dir = dir;
    }

    /**
     * Applies in a JVM of its own, as cron starts the job, and kills it once it has changed {@code changes} shares and
     * the call after them landed but was never answered: the process dies not knowing. {@code args} add to apply's.
     */
    void killMidCall(String db, int changes, String... args) throws Exception {
        killMidCall(db, changes, 0, args);
    }

    /**
     * As {@link #killMidCall(String, int, String...)}, killed only once {@code meanwhile} more shares were changed
     * while the unanswered call hung: the other threads went on sending beside it.
     */
    void killMidCall(String db, int changes, int meanwhile, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.dspm.scanner.DspmScannerApplication"));
        command.addAll(JobRun.arguments(simulator, db, Stream.concat(Stream.of("--dspm.report.dir=" + reports()),
                Stream.concat(Stream.of(APPLY), Stream.of(args))).toArray(String[]::new)));
        int before = simulator.tenant().auditLog().size();
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child-" + System.nanoTime() + ".log").toFile()).start();
        try {
            await(() -> simulator.tenant().auditLog().size() >= before + changes, child);
            simulator.faults().stallAfterApplyingNextUpdate(Duration.ofMinutes(2));
            int changed = simulator.tenant().auditLog().size();
            if (meanwhile > 0) {
                await(() -> stalled() && simulator.tenant().auditLog().size() >= changed + 1 + meanwhile, child);
            } else {
                await(() -> simulator.tenant().auditLog().size() > changed + 1 || stalled(), child);
            }
        } finally {
            child.destroyForcibly().waitFor();
            simulator.faults().clear();
        }
    }

    /** The stalled update_scope was received (recorded with status 0, no answer sent). */
    private boolean stalled() {
        return simulator.requests().stream().anyMatch(r -> r.path().equals(UPDATE_SCOPE) && r.status() == 0);
    }

    private static void await(BooleanSupplier condition, Process child) throws InterruptedException {
        // Generous: the child JVM starts, scans and plans first, on a machine that may be busy with other work.
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(child.isAlive()).as("the child run is still applying").isTrue();
            assertThat(System.nanoTime()).as("in time").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    Path reports() {
        return dir.resolve("reports");
    }

    int run(String db, String... args) {
        String[] all = Stream.concat(Stream.of("--dspm.report.dir=" + reports()), Stream.of(args)).toArray(String[]::new);
        return JobRun.against(simulator, db, all);
    }

    int apply(String db, String... args) {
        return run(db, Stream.concat(Stream.of(APPLY), Stream.of(args)).toArray(String[]::new));
    }

    /** The share uid of the write key check, which apply mode sends once before its scan. */
    static final String KEY_CHECK = "dspm-scanner-key-check-no-such-share";

    /** update_scope requests for a share the simulator received, answered or not; not the key checks. */
    long updates() {
        return simulator.requests().stream()
                .filter(r -> r.path().equals(UPDATE_SCOPE) && !r.body().contains(KEY_CHECK)).count();
    }

    /** The shares the simulator's audit log says were changed, in order, a share twice if it was changed twice. */
    List<String> changed() {
        return simulator.tenant().auditLog().stream().map(AuditEntry::shareUid).toList();
    }

    Map<String, ListedShare> listedShares() {
        return Stream.of(TYPES).flatMap(type -> simulator.tenant().listed(type).stream())
                .collect(Collectors.toMap(ListedShare::uid, Function.identity()));
    }

    static Map<String, Row> actions(String db, long runId, String status) throws SQLException {
        Map<String, Row> rows = new HashMap<>();
        try (Connection connection = TestDatabases.connect(db); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT share_uid, policy_id, from_scope, to_scope, note, status, reason, "
                        + "request_id, error FROM remediation_action WHERE run_id = " + runId + " AND status = '" + status + "'")) {
            while (rs.next()) {
                rows.put(rs.getString(1), new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)));
            }
        }
        return rows;
    }

    /** The SKIPPED actions of a run with this reason. */
    static Map<String, Row> skipped(String db, long runId, SkipReason reason) throws SQLException {
        Map<String, Row> skipped = actions(db, runId, "SKIPPED");
        skipped.values().removeIf(a -> !a.reason().equals(reason.name()));
        return skipped;
    }

    static List<String> heldBack(String db, long runId) throws SQLException {
        List<String> held = new ArrayList<>();
        try (Connection connection = TestDatabases.connect(db); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT held_back, detail FROM run_remediation WHERE run_id = " + runId)) {
            while (rs.next()) {
                held.add(rs.getString(1));
                held.add(rs.getString(2));
            }
        }
        return held;
    }

    static int rank(String scope) {
        return List.of("OWNER", "TEAM_ONLY", "PUBLIC").indexOf(scope);
    }
}
