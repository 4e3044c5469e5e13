package dev.dspm.scanner.owner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.dspm.scanner.Console;
import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.Snapshot;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.simulator.ListedShare;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TeamMember;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * Real runs against the simulator with and without the user management key: the members stored exactly, the shares
 * whose owner matched no member counted, the owner rules firing on exactly the shares the simulator's members call
 * for, and a run that cannot see the owners never resolving what only they show.
 */
class OwnerEnrichmentTests {

    static final String[] TYPES = { "ASSET_TYPE_FILE_SHARE", "ASSET_TYPE_SESSION_SHARE", "ASSET_TYPE_SESSION_COLLABORATION",
            "ASSET_TYPE_WEBSITE_PUBLISH", "ASSET_TYPE_PROJECT_SHARE" };
    static final String USER_KEY = "--MANUS_USER_MGMT_KEY=" + ManusSimulator.USER_KEY;

    @TempDir
    Path dir;

    ManusSimulator simulator;
    Path reports;

    @BeforeEach
    void start() {
        simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(23L, 1_500)));
        reports = dir.resolve("reports");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "H2", "PostgreSQL" })
    void theOwnersAreStoredExactlyAndTheRulesFireOnExactlyTheSharesTheyCallFor(String kind) throws Exception {
        String db = TestDatabases.of(kind, dir);

        assertThat(run(db, USER_KEY)).isZero();

        long runId = Snapshot.latestRun(db);
        List<TeamMember> members = simulator.tenant().members();
        assertThat(rows(db, "SELECT team_user_id, email, user_name, status_raw, role_raw, delegated_to, original_email "
                + "FROM run_owner WHERE run_id = " + runId)).as("every member, every field")
                .containsExactlyInAnyOrderElementsOf(members.stream().map(m -> Stream.of(m.teamUserId(), m.email(),
                        m.userName(), m.status(), m.role(), m.delegatedTo(), m.originalEmail()).map(String::valueOf).toList())
                        .toList());
        Map<String, TeamMember> byId = members.stream().collect(Collectors.toMap(TeamMember::teamUserId, m -> m));
        List<ListedShare> shares = shares();
        Set<String> unmatched = shares.stream().map(ListedShare::ownerId).filter(id -> id != null && !byId.containsKey(id))
                .collect(Collectors.toSet());
        assertThat(unmatched).as("the simulator leaves some owners without a member").isNotEmpty();
        assertThat(rows(db, "SELECT members, complete, unmatched_owners, unmatched_shares FROM run_owners WHERE run_id = "
                + runId)).containsExactly(List.of(Integer.toString(members.size()), "TRUE",
                        Integer.toString(unmatched.size()),
                        Long.toString(shares.stream().filter(s -> unmatched.contains(s.ownerId())).count())));
        assertThat(rows(db, "SELECT unmatched_sample FROM run_owners WHERE run_id = " + runId).get(0).get(0).split("\n"))
                .as("the first of them by id").containsExactlyElementsOf(unmatched.stream().sorted().limit(OwnerRows.SAMPLE).toList());

        assertThat(findings(db, runId, "departed-owner-share")).as("exposed shares of members who left")
                .isEqualTo(uids(shares, s -> exposed(s) && member(byId, s, m -> m.status().matches("USER_STATUS_(INACTIVE|REMOVED)"))))
                .isNotEmpty();
        assertThat(findings(db, runId, "delegated-owner-share")).as("exposed shares of delegated profiles")
                .isEqualTo(uids(shares, s -> exposed(s) && member(byId, s, m -> m.email() != null
                        && m.email().toLowerCase(Locale.ROOT).matches("delegate-.*@manus\\.im"))))
                .isNotEmpty();
        assertThat(findings(db, runId, "guest-public-share")).as("public shares of guests")
                .isEqualTo(uids(shares, s -> s.assetExists() && s.permission().equals("SHARE_SCOPE_PUBLIC")
                        && member(byId, s, m -> m.role().equals("TEAM_MEMBER_ROLE_GUEST"))))
                .isNotEmpty();

        JsonNode report = JsonMapper.builder().build().readTree(reports.resolve(runId + "/report.json").toFile());
        assertThat(report.get("run").get("owners").get("enriched").asBoolean()).isTrue();
        assertThat(report.get("run").get("owners").get("unmatched_owners").asLong()).isEqualTo(unmatched.size());
        Map<String, JsonNode> owners = new HashMap<>();
        report.get("owners").forEach(o -> assertThat(owners.put(o.get("owner_id").asString(), o)).as("each owner once").isNull());
        for (JsonNode finding : report.get("findings")) {
            TeamMember owner = byId.get(finding.get("owner_id").asString());
            JsonNode listed = owners.get(finding.get("owner_id").asString());
            assertThat(listed == null ? null : listed.path("email").asString(null)).as("the finding's owner in owners[]")
                    .isEqualTo(owner == null ? null : owner.email());
        }
    }

    @Test
    void withoutTheUserKeyTheJobRunsAsBeforeAndSaysTheOwnersWereNotEnriched() throws Exception {
        String db = TestDatabases.h2(dir);

        Console.Captured run = Console.capture(() -> run(db));

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("owners not enriched: set MANUS_USER_MGMT_KEY");
        long runId = Snapshot.latestRun(db);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM run_owner")).isZero();
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM finding WHERE policy_id IN ('departed-owner-share', "
                + "'delegated-owner-share', 'guest-public-share')")).isZero();
        assertThat(simulator.requests()).noneMatch(r -> r.path().contains("team.user.list"));
        JsonNode report = JsonMapper.builder().build().readTree(reports.resolve(runId + "/report.json").toFile());
        assertThat(report.get("run").get("owners").get("enriched").asBoolean()).isFalse();
    }

    @Test
    void aRunThatCannotSeeTheOwnersKeepsTheirFindingsOpenAndOneThatCanResolvesThem() throws Exception {
        String db = TestDatabases.h2(dir);
        assertThat(run(db, USER_KEY)).isZero();
        Set<String> departed = findings(db, Snapshot.latestRun(db), "departed-owner-share");

        assertThat(run(db)).as("no user key tonight").isZero();
        long blind = Snapshot.latestRun(db);
        assertThat(statuses(db, blind, "departed-owner-share")).as("kept open, not resolved").containsOnlyKeys(departed)
                .allSatisfy((uid, status) -> assertThat(status).isEqualTo("OPEN"));

        simulator.tenant().members().stream().filter(m -> m.status().matches("USER_STATUS_(INACTIVE|REMOVED)"))
                .forEach(m -> simulator.tenant().setMemberStatus(m.teamUserId(), "USER_STATUS_ACTIVE"));
        assertThat(run(db, USER_KEY)).isZero();
        assertThat(statuses(db, Snapshot.latestRun(db), "departed-owner-share")).containsOnlyKeys(departed)
                .allSatisfy((uid, status) -> assertThat(status).isEqualTo("RESOLVED"));
    }

    @Test
    void aRefusedUserKeyStopsTheRunBeforeTheScan() throws Exception {
        String db = TestDatabases.h2(dir);

        Console.Captured run = Console.capture(() -> run(db, "--MANUS_USER_MGMT_KEY=not-a-key"));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("the API refused the key in MANUS_USER_MGMT_KEY")
                .contains("needs a Team User Management key").doesNotContain("not-a-key");
        assertThat(simulator.requests()).as("one share and one member asked for, nothing scanned").hasSize(2);
    }

    @Test
    void aListingThatFailsFailsTheRunAndTheNextStartListsAgain() throws Exception {
        String db = TestDatabases.h2(dir);
        // every list page of the scan succeeds (one per type: 1,500 shares, pages of 1,000), then the members fail
        simulator.faults().failAfter(1 + TYPES.length + 1, 500, Integer.MAX_VALUE);

        assertThat(run(db, USER_KEY, "--dspm.api.max-attempts=2")).isEqualTo(1);
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM run_owner")).isZero();
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM finding")).as("not judged without its owners").isZero();

        simulator.faults().clear();
        assertThat(run(db, USER_KEY)).isZero();
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM run_owner")).isEqualTo(simulator.tenant().members().size());
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM finding WHERE policy_id = 'departed-owner-share'")).isPositive();
    }

    private int run(String db, String... extra) {
        return JobRun.against(simulator, db, Stream.concat(Stream.of("--dspm.report.dir=" + reports), Stream.of(extra))
                .toArray(String[]::new));
    }

    private List<ListedShare> shares() {
        return Stream.of(TYPES).flatMap(type -> simulator.tenant().listed(type).stream()).toList();
    }

    private static boolean exposed(ListedShare share) {
        return share.assetExists() && (share.permission().equals("SHARE_SCOPE_PUBLIC") || share.permission().equals("SHARE_SCOPE_TEAM_ONLY"));
    }

    private static boolean member(Map<String, TeamMember> byId, ListedShare share, Predicate<TeamMember> test) {
        TeamMember member = byId.get(share.ownerId());
        return member != null && test.test(member);
    }

    private static Set<String> uids(List<ListedShare> shares, Predicate<ListedShare> test) {
        return shares.stream().filter(test).map(ListedShare::uid).collect(Collectors.toSet());
    }

    private static Set<String> findings(String db, long runId, String policy) throws SQLException {
        return statuses(db, runId, policy).keySet();
    }

    private static Map<String, String> statuses(String db, long runId, String policy) throws SQLException {
        Map<String, String> statuses = new HashMap<>();
        for (List<String> row : rows(db, "SELECT share_uid, status FROM finding WHERE run_id = " + runId + " AND policy_id = '"
                + policy + "'")) {
            statuses.put(row.get(0), row.get(1));
        }
        return statuses;
    }

    private static List<List<String>> rows(String db, String sql) throws SQLException {
        try (Connection connection = TestDatabases.connect(db); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    // H2 and PostgreSQL spell a boolean differently
                    Object value = rs.getObject(i);
                    row.add(value instanceof Boolean flag ? flag.toString().toUpperCase(Locale.ROOT) : String.valueOf(value));
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
