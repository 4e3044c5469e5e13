package dev.dspm.scanner.owner;

import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.dspm.scanner.manus.TeamUser;
import dev.dspm.scanner.owner.MemberListing.Members;
import dev.dspm.scanner.snapshot.RunTables;

/**
 * A run's {@code run_owner} rows and its {@code run_owners} record, written together (in one transaction):
 * the members as listed, and how the snapshot's owner ids matched them.
 */
@Component
class OwnerRows {

    static final int SAMPLE = 10;

    private final JdbcTemplate jdbc;

    OwnerRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The snapshot's owner ids that no member has, and the shares they own. */
    record Unmatched(long owners, long shares) {
    }

    Unmatched replace(long runId, Members members) {
        jdbc.update("DELETE FROM run_owners WHERE run_id = ?", runId);
        jdbc.update("DELETE FROM run_owner WHERE run_id = ?", runId);
        jdbc.batchUpdate("INSERT INTO run_owner (run_id, team_user_id, email, user_name, status, status_raw, role, role_raw, "
                + "delegated_to, original_email) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", members.members(), 1_000,
                (statement, user) -> {
                    statement.setLong(1, runId);
                    statement.setString(2, user.teamUserId());
                    statement.setString(3, user.email());
                    statement.setString(4, user.userName());
                    statement.setString(5, user.status().name());
                    statement.setString(6, user.statusRaw());
                    statement.setString(7, user.role().name());
                    statement.setString(8, user.roleRaw());
                    statement.setString(9, user.delegatedTo());
                    statement.setString(10, user.originalEmail());
                });
        // The docs do not say that a share's owner_id is the member's team_user_id: count what does not match. The
        // snapshot's owners (tens of thousands at most) are grouped in one pass and held against the members in memory:
        // an anti-join against rows inserted a moment ago has no statistics, and PostgreSQL once planned it to run for
        // more than ten minutes over a million shares.
        Set<String> ids = members.members().stream().map(TeamUser::teamUserId).collect(Collectors.toSet());
        TreeMap<String, Long> unmatchedShares = new TreeMap<>();
        jdbc.query("SELECT owner_id, COUNT(*) FROM " + RunTables.name(runId) + " WHERE run_id = ? AND owner_id IS NOT NULL "
                + "GROUP BY owner_id", rs -> {
                    if (!ids.contains(rs.getString(1))) {
                        unmatchedShares.put(rs.getString(1), rs.getLong(2));
                    }
                }, runId);
        long[] counts = { unmatchedShares.size(), unmatchedShares.values().stream().mapToLong(Long::longValue).sum() };
        List<String> sample = unmatchedShares.keySet().stream().limit(SAMPLE).toList();
        jdbc.update("INSERT INTO run_owners (run_id, members, api_total, complete, unmatched_owners, unmatched_shares, "
                + "unmatched_sample) VALUES (?, ?, ?, ?, ?, ?, ?)", runId, members.members().size(), members.apiTotal(),
                members.complete(), counts[0], counts[1], String.join("\n", sample));
        return new Unmatched(counts[0], counts[1]);
    }
}
