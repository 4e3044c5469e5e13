package dev.dspm.scanner.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.dspm.scanner.MigratedDatabase;
import dev.dspm.scanner.manus.AssetType;
import dev.dspm.scanner.manus.ShareScope;
import dev.dspm.scanner.policy.Share;
import dev.dspm.scanner.policy.Shares;

class PageOwnersTests {

    private static final long RUN = 7;

    @TempDir
    Path dir;

    MigratedDatabase database;

    @AfterEach
    void close() throws SQLException {
        if (database != null) {
            database.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void eachPageGetsItsOwnersAndAnOwnerIsLookedUpOnceWhileRemembered(String kind) throws SQLException {
        JdbcTemplate jdbc = database(kind, 3);
        PageOwners owners = new PageOwners(jdbc, database.database(), RUN);

        List<Share> first = owners.attach(List.of(share("a", "member-0"), share("b", "member-1"), share("c", "nobody"),
                share("d", null), share("e", "member-0")));
        assertThat(first).extracting(share -> share.owner() == null ? null : share.owner().email())
                .containsExactly("member-0@acme.example", "member-1@acme.example", null, null, "member-0@acme.example");
        assertThat(owners.lookedUp()).as("member-0, member-1 and nobody, once each").isEqualTo(3);

        List<Share> second = owners.attach(List.of(share("f", "member-1"), share("g", "member-2"), share("h", "nobody")));
        assertThat(second).extracting(share -> share.owner() == null ? null : share.owner().teamUserId())
                .containsExactly("member-1", "member-2", null);
        assertThat(owners.lookedUp()).as("only member-2 is new; nobody is remembered as nobody").isEqualTo(4);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void aRunThatListedNoMembersLooksNothingUp(String kind) throws SQLException {
        JdbcTemplate jdbc = database(kind, 0);
        PageOwners owners = new PageOwners(jdbc, database.database(), RUN);
        List<Share> shares = List.of(share("a", "member-0"), share("b", null));

        assertThat(owners.attach(shares)).isSameAs(shares);
        assertThat(owners.lookedUp()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void pastWhatItRemembersEveryShareStillGetsItsOwner(String kind) throws SQLException {
        int members = PageOwners.REMEMBERED + 2_000;
        JdbcTemplate jdbc = database(kind, members);
        PageOwners owners = new PageOwners(jdbc, database.database(), RUN);
        // pages of 1,000 new owners until it remembers as many as it may, the first page's owners the least recent
        for (int from = 0; from < PageOwners.REMEMBERED; from += 1_000) {
            owners.attach(page(IntStream.range(from, from + 1_000).boxed().toList()));
        }
        // the least recent owner beside 999 it never saw: remembering those must not forget the one this page needs
        List<Integer> mixed = new ArrayList<>(List.of(0));
        IntStream.range(PageOwners.REMEMBERED, PageOwners.REMEMBERED + 999).forEach(mixed::add);

        List<Share> page = owners.attach(page(mixed));

        assertThat(page).allSatisfy(share -> assertThat(share.owner()).isNotNull()
                .satisfies(owner -> assertThat(owner.teamUserId()).isEqualTo(share.ownerId())));
        assertThat(owners.lookedUp()).isEqualTo(PageOwners.REMEMBERED + 999L);

        // those 999 took the places of the 999 least recent after it: they are forgotten, and looked up again
        owners.attach(page(IntStream.range(1, 1_000).boxed().toList()));
        assertThat(owners.lookedUp()).as("it holds no more than it may").isEqualTo(PageOwners.REMEMBERED + 999L * 2);
    }

    private JdbcTemplate database(String kind, int members) throws SQLException {
        database = MigratedDatabase.of(kind, dir); // V6 (Java) is the snapshot's: run_owner does not need it
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        List<Object[]> rows = IntStream.range(0, members)
                .mapToObj(i -> new Object[] { RUN, "member-" + i, "member-" + i + "@acme.example" }).toList();
        if (rows.isEmpty()) {
            return jdbc;
        }
        jdbc.batchUpdate("INSERT INTO run_owner (run_id, team_user_id, email, user_name, status, role) "
                + "VALUES (?, ?, ?, 'Member', 'ACTIVE', 'MEMBER')", rows);
        return jdbc;
    }

    private static List<Share> page(List<Integer> members) {
        return members.stream().map(i -> share("share-" + i, "member-" + i)).toList();
    }

    private static Share share(String uid, String ownerId) {
        Share share = Shares.of(AssetType.FILE_SHARE, ShareScope.PUBLIC);
        return new Share(uid, share.assetType(), share.assetTypeRaw(), share.assetName(), share.assetId(), share.sharedAt(),
                share.lastOperatedAt(), ownerId, share.sessionId(), share.assetExists(), share.permission(),
                share.permissionRaw(), share.maxPermission(), share.maxPermissionRaw(), null);
    }
}
