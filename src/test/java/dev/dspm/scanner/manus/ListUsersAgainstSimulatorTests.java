package dev.dspm.scanner.manus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.dspm.scanner.manus.ApiTally.Answer;
import dev.dspm.scanner.manus.ManusApiException.ErrorCode;
import dev.dspm.scanner.manus.ManusTestSupport.RecordingSleeper;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.RecordedRequest;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TeamMember;
import dev.dspm.scanner.simulator.TenantSpec;

/** The client and the simulator agree on team.user.list: every member, every field, the key rules and the faults. */
class ListUsersAgainstSimulatorTests {

    ManusSimulator simulator;
    SimulatedTenant tenant;

    @BeforeEach
    void start() {
        simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(20261125L, 1_500)));
        tenant = simulator.tenant();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void pagingGetsExactlyEveryMemberWithEveryField() {
        ManusClient client = client(Map.of(ApiKeys.USER_KEY_ENV, ManusSimulator.USER_KEY));
        List<TeamUser> expected = tenant.members().stream().map(ListUsersAgainstSimulatorTests::asClientSees).toList();

        for (int limit : new int[] {1000, 7}) {
            assertThat(all(client, UserQuery.of(limit))).as("limit " + limit).isEqualTo(expected);
        }
        // the realistic mix survives the trip, hostile names and missing emails included
        assertThat(expected).extracting(TeamUser::status).doesNotContain(UserStatus.UNKNOWN)
                .contains(UserStatus.ACTIVE, UserStatus.INACTIVE, UserStatus.REMOVED);
        assertThat(expected).extracting(TeamUser::role).doesNotContain(TeamRole.UNKNOWN)
                .contains(TeamRole.OWNER, TeamRole.SUPER_ADMIN, TeamRole.ADMIN, TeamRole.MEMBER, TeamRole.GUEST);
        assertThat(expected).anyMatch(user -> user.email() == null).anyMatch(user -> user.delegatedTo() != null);
        assertThat(simulator.requests()).extracting(RecordedRequest::keyType).containsOnly("USER");
        assertThat(client.tally().answers()).containsOnlyKeys(new Answer("team.user.list", "200"));
    }

    @Test
    void filtersReachTheSimulator() {
        ManusClient client = client(Map.of(ApiKeys.USER_KEY_ENV, ManusSimulator.USER_KEY));

        List<TeamUser> removed = all(client, new UserQuery(7, 0, UserStatus.REMOVED, null));
        List<TeamUser> delegated = all(client, new UserQuery(7, 0, null, DelegationState.DELEGATED));

        assertThat(removed).isNotEmpty().allSatisfy(user -> assertThat(user.status()).isEqualTo(UserStatus.REMOVED))
                .hasSize((int) tenant.members().stream().filter(m -> m.status().equals("USER_STATUS_REMOVED")).count());
        assertThat(delegated).isNotEmpty().allSatisfy(user -> assertThat(user.email()).startsWith("delegate-"))
                .hasSize((int) tenant.members().stream().filter(TeamMember::delegated).count());
    }

    @Test
    void anAssetKeyPassedAsTheUserKeyIsRefusedAndTheUserKeyCannotListAssets() {
        ManusClient misconfigured = client(Map.of(ApiKeys.USER_KEY_ENV, ManusSimulator.AUDIT_KEY));
        ManusClient userKeyAsAudit = client(Map.of(ApiKeys.AUDIT_KEY_ENV, ManusSimulator.USER_KEY));

        ManusApiException users = catchThrowableOfType(ManusApiException.class,
                () -> misconfigured.listUsers(UserQuery.of(100)));
        ManusApiException assets = catchThrowableOfType(ManusApiException.class,
                () -> userKeyAsAudit.listAssets(ListQuery.of(AssetType.FILE_SHARE, 100)));

        assertThat(users.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(assets.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(users.getMessage() + assets.getMessage())
                .doesNotContain(ManusSimulator.AUDIT_KEY, ManusSimulator.USER_KEY);
        assertThat(simulator.requests()).extracting(RecordedRequest::keyType).containsExactly("AUDIT", "USER");
    }

    @Test
    void throttledAndFailedPagesAreRetriedAndCounted() {
        ManusClient client = client(Map.of(ApiKeys.USER_KEY_ENV, ManusSimulator.USER_KEY));
        simulator.faults().failNext(429, 1).failAfter(2, 503, 1);

        List<TeamUser> users = all(client, UserQuery.of(20));

        assertThat(users).hasSize(tenant.members().size());
        assertThat(client.tally().answers()).containsEntry(new Answer("team.user.list", "429"), 1L)
                .containsEntry(new Answer("team.user.list", "503"), 1L);
        assertThat(client.tally().retries()).isEqualTo(Map.of("team.user.list", 2L));
    }

    private static List<TeamUser> all(ManusClient client, UserQuery first) {
        List<TeamUser> users = new ArrayList<>();
        UserQuery query = first;
        while (true) {
            UserPage page = client.listUsers(query);
            users.addAll(page.users());
            if (page.users().isEmpty() || query.offset() + page.users().size() >= page.total()) {
                return users;
            }
            query = query.withOffset(query.offset() + page.users().size());
        }
    }

    private static TeamUser asClientSees(TeamMember member) {
        return new TeamUser(member.teamUserId(), member.email(), member.userName(), UserStatus.fromWire(member.status()),
                member.status(), TeamRole.fromWire(member.role()), member.role(), member.delegatedTo(),
                member.originalEmail());
    }

    private ManusClient client(Map<String, String> keys) {
        ApiSettings defaults = ApiSettings.defaults();
        ApiSettings settings = new ApiSettings(URI.create(simulator.baseUrl().toString()), 100,
                defaults.connectTimeout(), defaults.readTimeout(), defaults.maxAttempts(), Duration.ofMillis(50),
                Duration.ofSeconds(1));
        return ManusTestSupport.client(settings, ApiKeys.load(keys::get), new RecordingSleeper());
    }
}
