package dev.dspm.scanner.findings;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.dspm.scanner.policy.PolicyLoadException;
import dev.dspm.scanner.policy.waiver.Waivers;

/**
 * The waivers as a run applied them ({@code run_waiver}: active or expired at the snapshot's time, and how
 * many of the run's findings each matched, so an unused one shows), and every waiver the tenant's runs have
 * loaded ({@code known_waiver}): a waiver already expired the first time it is seen is refused at start-up
 * as a likely typo, while one that ran out since is only reported.
 */
public class WaiverRecords {

    private final JdbcTemplate jdbc;
    private final Waivers waivers;

    public WaiverRecords(JdbcTemplate jdbc, Waivers waivers) {
        this.jdbc = jdbc;
        this.waivers = waivers;
    }

    /** Exit 2 (through {@link PolicyLoadException}) when a waiver new to this tenant has already expired. */
    public void refuseExpiredOnArrival(String tenant, Instant now) {
        List<String> problems = waivers.expiredOnArrival(now, known(tenant));
        if (!problems.isEmpty()) {
            throw new PolicyLoadException(problems);
        }
    }

    void record(JudgedRun run) {
        jdbc.update("DELETE FROM run_waiver WHERE run_id = ?", run.runId());
        jdbc.batchUpdate("INSERT INTO run_waiver (run_id, waiver_key, match_kind, match_value, policy_id, justification, "
                + "approved_by, expires, active, matched) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT COUNT(*) FROM finding f "
                + "WHERE f.run_id = ? AND f.seen AND f.waiver_key = ?))", waivers.all(), 100, (statement, waiver) -> {
                    statement.setLong(1, run.runId());
                    statement.setString(2, waiver.key());
                    statement.setString(3, waiver.matchBy().field());
                    statement.setString(4, waiver.value());
                    statement.setString(5, waiver.policy());
                    statement.setString(6, waiver.justification());
                    statement.setString(7, waiver.approvedBy());
                    statement.setDate(8, Date.valueOf(waiver.expires()));
                    statement.setBoolean(9, waiver.activeAt(run.startedAt()));
                    statement.setLong(10, run.runId());
                    statement.setString(11, waiver.key());
                });
        Set<String> known = known(run.tenant());
        Timestamp now = Timestamp.from(run.startedAt());
        jdbc.batchUpdate("INSERT INTO known_waiver (tenant, waiver_key, first_loaded) VALUES (?, ?, ?)",
                waivers.all().stream().filter(waiver -> !known.contains(waiver.key())).toList(), 100, (statement, waiver) -> {
                    statement.setString(1, run.tenant());
                    statement.setString(2, waiver.key());
                    statement.setTimestamp(3, now);
                });
    }

    private Set<String> known(String tenant) {
        return new HashSet<>(jdbc.queryForList("SELECT waiver_key FROM known_waiver WHERE tenant = ?", String.class, tenant));
    }
}
