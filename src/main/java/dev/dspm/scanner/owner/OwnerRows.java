package dev.dspm.scanner.owner;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.dspm.scanner.manus.TeamUser;
import dev.dspm.scanner.owner.MemberListing.Listed;
import dev.dspm.scanner.snapshot.RunTables;
import dev.dspm.scanner.snapshot.SnapshotDatabase;

/**
 * A run's {@code run_owner} rows, written a page at a time as the members are listed (each page in a transaction of
 * its own), and its {@code run_owners} record, written once the listing is done: how many members, and how the
 * snapshot's owner ids matched them. Until the record is written the rows may be partial: only the steps after this
 * one read them, and a listing that fails fails the run, whose next start lists the members again from nothing.
 */
@Component
class OwnerRows {

    static final int SAMPLE = 10;
    private static final String FIELDS = "email = ?, user_name = ?, status = ?, status_raw = ?, role = ?, role_raw = ?, "
            + "delegated_to = ?, original_email = ?";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final SnapshotDatabase database;

    OwnerRows(JdbcTemplate jdbc, PlatformTransactionManager transactions, SnapshotDatabase database) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.database = database;
    }

    /** The snapshot's owner ids that no member has, and the shares they own. */
    record Unmatched(long owners, long shares) {
    }

    /** Where the listing writes the run's members. */
    MemberListing.Sink members(long runId) {
        return new MemberListing.Sink() {
            @Override
            public void restart() {
                transaction.executeWithoutResult(status -> {
                    jdbc.update("DELETE FROM run_owners WHERE run_id = ?", runId);
                    jdbc.update("DELETE FROM run_owner WHERE run_id = ?", runId);
                });
            }

            @Override
            public void add(List<TeamUser> members) {
                transaction.executeWithoutResult(status -> jdbc.batchUpdate("INSERT INTO run_owner (run_id, team_user_id, "
                        + "email, user_name, status, status_raw, role, role_raw, delegated_to, original_email) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", members, members.size(), (statement, user) -> {
                            statement.setLong(1, runId);
                            statement.setString(2, user.teamUserId());
                            fields(statement, 3, user);
                        }));
            }

            @Override
            public void replace(List<TeamUser> members) {
                transaction.executeWithoutResult(status -> jdbc.batchUpdate("UPDATE run_owner SET " + FIELDS
                        + " WHERE run_id = ? AND team_user_id = ?", members, members.size(), (statement, user) -> {
                            fields(statement, 1, user);
                            statement.setLong(9, runId);
                            statement.setString(10, user.teamUserId());
                        }));
            }
        };
    }

    /**
     * Records the listing for the run. The docs do not say that a share's owner_id is the member's team_user_id: what
     * does not match is counted, in one pass. PostgreSQL plans the anti-join from fresh statistics of the members just
     * written (without them it once planned this to run for more than ten minutes over a million shares); the
     * snapshot's were taken at its seal.
     */
    Unmatched record(long runId, Listed listed) {
        database.refreshStatistics(jdbc, "run_owner");
        return transaction.execute(status -> {
            List<String> sample = new ArrayList<>();
            long[] counts = new long[2];
            jdbc.query("SELECT g.owner_id, COUNT(*) OVER (), CAST(SUM(g.shares) OVER () AS BIGINT) FROM (SELECT owner_id, "
                    + "COUNT(*) AS shares FROM " + RunTables.name(runId) + " WHERE run_id = ? AND owner_id IS NOT NULL "
                    + "GROUP BY owner_id) g WHERE NOT EXISTS (SELECT 1 FROM run_owner m WHERE m.run_id = ? "
                    + "AND m.team_user_id = g.owner_id) ORDER BY g.owner_id LIMIT " + SAMPLE, rs -> {
                        sample.add(rs.getString(1));
                        counts[0] = rs.getLong(2);
                        counts[1] = rs.getLong(3);
                    }, runId, runId);
            // the listing's restart deleted the run's record of any earlier reading
            jdbc.update("INSERT INTO run_owners (run_id, members, api_total, complete, unmatched_owners, unmatched_shares, "
                    + "unmatched_sample) VALUES (?, ?, ?, ?, ?, ?, ?)", runId, listed.members(), listed.apiTotal(),
                    listed.complete(), counts[0], counts[1], String.join("\n", sample));
            return new Unmatched(counts[0], counts[1]);
        });
    }

    private static void fields(PreparedStatement statement, int first, TeamUser user) throws SQLException {
        statement.setString(first, user.email());
        statement.setString(first + 1, user.userName());
        statement.setString(first + 2, user.status().name());
        statement.setString(first + 3, user.statusRaw());
        statement.setString(first + 4, user.role().name());
        statement.setString(first + 5, user.roleRaw());
        statement.setString(first + 6, user.delegatedTo());
        statement.setString(first + 7, user.originalEmail());
    }
}
