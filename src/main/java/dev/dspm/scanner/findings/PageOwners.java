package dev.dspm.scanner.findings;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.dspm.scanner.manus.TeamRole;
import dev.dspm.scanner.manus.TeamUser;
import dev.dspm.scanner.manus.UserStatus;
import dev.dspm.scanner.policy.Share;
import dev.dspm.scanner.snapshot.SnapshotDatabase;

/**
 * The owners of one page of shares, from the run's members ({@code run_owner}), looked up by the page's owner ids:
 * a page's worth of members per query. The whole team is never held: at 10,000,000 shares a tenant has hundreds of
 * thousands of members, and holding them all ran a 256 MB heap out of memory at the start of the evaluation. The
 * {@value #REMEMBERED} owners used last are kept (about 25 MB at most, ~500 bytes each), and only the others looked
 * up: at a million shares that is every member of the team (40,800), where a page's lookup had cost PostgreSQL 2.6 ms
 * and the reader ~1,000 rows to decode, for each of 1,000 pages. An id no member has is remembered as such too.
 */
class PageOwners {

    static final int REMEMBERED = 50_000;

    private static final String COLUMNS = "o.team_user_id, o.email, o.user_name, o.status, o.status_raw, o.role, o.role_raw, "
            + "o.delegated_to, o.original_email";
    /**
     * PostgreSQL: one key lookup per id, whatever the statistics. Once autovacuum has analyzed the run's members (it
     * does during a night), the plain join is planned as a hash of all of them, read again for every page: 41 ms a
     * page against 8 ms at 40,800 members, 25 s of a million-share night's evaluation.
     */
    private static final String BY_KEY = "SELECT " + COLUMNS + " FROM UNNEST(CAST(? AS VARCHAR ARRAY)) AS page(id) "
            + "CROSS JOIN LATERAL (SELECT * FROM run_owner r WHERE r.run_id = ? AND r.team_user_id = page.id LIMIT 1) o";
    /** H2: the ids as one array joined to the key (an IN list scans the whole run's members there). */
    private static final String JOINED = "SELECT " + COLUMNS + " FROM UNNEST(CAST(? AS VARCHAR ARRAY)) AS page(id) "
            + "JOIN run_owner o ON o.run_id = ? AND o.team_user_id = page.id";

    private final JdbcTemplate jdbc;
    private final long runId;
    private final String query;
    private final boolean enriched;
    /** By owner id, the least recently used first; empty for an id the run's members list does not have. */
    private final Map<String, Optional<TeamUser>> remembered = new LinkedHashMap<>(1 << 16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<TeamUser>> eldest) {
            return size() > REMEMBERED;
        }
    };
    private long lookedUp;

    PageOwners(JdbcTemplate jdbc, SnapshotDatabase database, long runId) {
        this.jdbc = jdbc;
        this.runId = runId;
        this.query = database == SnapshotDatabase.POSTGRESQL ? BY_KEY : JOINED;
        this.enriched = Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM run_owner WHERE run_id = ?)", Boolean.class, runId));
    }

    /** The shares, each with its owner when the run listed that member. The ids go as one array joined to the key. */
    List<Share> attach(List<Share> shares) {
        if (!enriched) {
            return shares;
        }
        String[] ids = shares.stream().map(Share::ownerId).filter(Objects::nonNull).distinct()
                .filter(id -> remembered.get(id) == null).toArray(String[]::new); // get, not containsKey: it makes them recent
        if (ids.length > 0) {
            Map<String, TeamUser> found = new HashMap<>();
            jdbc.query(query, rs -> {
                        found.put(rs.getString(1), new TeamUser(rs.getString(1), rs.getString(2), rs.getString(3),
                                UserStatus.valueOf(rs.getString(4)), rs.getString(5), TeamRole.valueOf(rs.getString(6)),
                                rs.getString(7), rs.getString(8), rs.getString(9)));
                    }, ids, runId);
            for (String id : ids) {
                remembered.put(id, Optional.ofNullable(found.get(id)));
            }
            lookedUp += ids.length;
        }
        return shares.stream().map(share -> {
            Optional<TeamUser> owner = share.ownerId() == null ? Optional.empty() : remembered.get(share.ownerId());
            return owner.isEmpty() ? share : share.withOwner(owner.get());
        }).toList();
    }

    /** How many owner ids were looked up in the database so far: each at most once while it is remembered. */
    long lookedUp() {
        return lookedUp;
    }
}
