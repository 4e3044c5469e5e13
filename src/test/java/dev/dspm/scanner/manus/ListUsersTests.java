package dev.dspm.scanner.manus;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.dspm.scanner.manus.ManusTestSupport.AUDIT_SECRET;
import static dev.dspm.scanner.manus.ManusTestSupport.MGMT_SECRET;
import static dev.dspm.scanner.manus.ManusTestSupport.USER_SECRET;
import static dev.dspm.scanner.manus.ManusTestSupport.errorBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import dev.dspm.scanner.config.ConfigurationException;
import dev.dspm.scanner.manus.ApiTally.Answer;
import dev.dspm.scanner.manus.ManusApiException.ErrorCode;
import dev.dspm.scanner.manus.ManusTestSupport.RecordingSleeper;

/** What team.user.list sends, with which key, and what comes back out of the page it returns. */
class ListUsersTests {

    static final String USERS = "/v2/team.user.list";
    static final String ANN = """
            {"team_user_id":"u-1","email":"ann@acme.example","user_name":"Ann","status":"USER_STATUS_ACTIVE",\
            "role":"TEAM_MEMBER_ROLE_MEMBER","delegated_to":null,"original_email":null}""";
    static final String DELEGATED = """
            {"team_user_id":"u-2","email":"delegate-k3j@manus.im","user_name":"Bob","status":"USER_STATUS_INACTIVE",\
            "role":"TEAM_MEMBER_ROLE_GUEST","delegated_to":"carla@acme.example","original_email":"bob@acme.example",\
            "labels":["a field this build does not know"]}""";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static WireMockExtension server = ManusTestSupport.server();

    RecordingSleeper sleeper = new RecordingSleeper();
    ManusClient client;

    @BeforeEach
    void reset() {
        client = ManusTestSupport.client(ManusTestSupport.settings(server), ManusTestSupport.allKeys(), sleeper);
    }

    @Test
    void sendsPagingAndFiltersWithTheUserKeyAndNoOtherKey() {
        server.stubFor(get(urlPathEqualTo(USERS)).willReturn(okJson(usersBody("r", 0))));

        client.listUsers(new UserQuery(1000, 2000, UserStatus.INACTIVE, DelegationState.DELEGATED));
        client.listUsers(UserQuery.of(7).withOffset(14));

        server.verify(getRequestedFor(urlPathEqualTo(USERS))
                .withHeader("X-API-Key", equalTo(USER_SECRET))
                .withQueryParam("limit", equalTo("1000"))
                .withQueryParam("offset", equalTo("2000"))
                .withQueryParam("status_filter", equalTo("USER_STATUS_INACTIVE"))
                .withQueryParam("delegation_state", equalTo("DELEGATION_STATE_DELEGATED")));
        server.verify(getRequestedFor(urlPathEqualTo(USERS))
                .withQueryParam("limit", equalTo("7"))
                .withQueryParam("offset", equalTo("14"))
                .withQueryParam("status_filter", absent())
                .withQueryParam("delegation_state", absent()));
        assertThat(server.getAllServeEvents()).hasSize(2).allSatisfy(event -> assertThat(
                event.getRequest().getHeaders().getHeader("X-API-Key").values()).containsExactly(USER_SECRET));
    }

    @Test
    void mapsEveryFieldAndThePagingEchoes() {
        server.stubFor(get(urlPathEqualTo(USERS)).willReturn(okJson("""
                {"ok":true,"request_id":"req-9","users":[%s,%s],"total":"1234","limit":1000,"offset":2000}"""
                .formatted(ANN, DELEGATED))));

        UserPage page = client.listUsers(UserQuery.of(1000).withOffset(2000));

        assertThat(page).isEqualTo(new UserPage(List.of(
                new TeamUser("u-1", "ann@acme.example", "Ann", UserStatus.ACTIVE, "USER_STATUS_ACTIVE", TeamRole.MEMBER,
                        "TEAM_MEMBER_ROLE_MEMBER", null, null),
                new TeamUser("u-2", "delegate-k3j@manus.im", "Bob", UserStatus.INACTIVE, "USER_STATUS_INACTIVE",
                        TeamRole.GUEST, "TEAM_MEMBER_ROLE_GUEST", "carla@acme.example", "bob@acme.example")),
                1234, 1000, 2000, "req-9", 0));
    }

    @Test
    void everyStatusAndRoleIsReadAndAnUnknownOneKeepsItsRawValue() {
        String users = String.join(",",
                user("u-1", "USER_STATUS_REMOVED", "TEAM_MEMBER_ROLE_OWNER"),
                user("u-2", "USER_STATUS_ACTIVE", "TEAM_MEMBER_ROLE_SUPER_ADMIN"),
                user("u-3", "USER_STATUS_INACTIVE", "TEAM_MEMBER_ROLE_ADMIN"),
                user("u-4", "USER_STATUS_SUSPENDED", "TEAM_MEMBER_ROLE_BILLING"),
                "{\"team_user_id\":\"u-5\",\"status\":7,\"role\":{\"x\":1}}",
                "{\"team_user_id\":\"u-6\"}");
        server.stubFor(get(urlPathEqualTo(USERS)).willReturn(okJson(usersBody("r", 6, users))));

        List<TeamUser> page = client.listUsers(UserQuery.of(100)).users();

        assertThat(page).extracting(TeamUser::status).containsExactly(UserStatus.REMOVED, UserStatus.ACTIVE,
                UserStatus.INACTIVE, UserStatus.UNKNOWN, UserStatus.UNKNOWN, UserStatus.UNKNOWN);
        assertThat(page).extracting(TeamUser::role).containsExactly(TeamRole.OWNER, TeamRole.SUPER_ADMIN,
                TeamRole.ADMIN, TeamRole.UNKNOWN, TeamRole.UNKNOWN, TeamRole.UNKNOWN);
        assertThat(page.get(3).statusRaw()).isEqualTo("USER_STATUS_SUSPENDED");
        assertThat(page.get(3).roleRaw()).isEqualTo("TEAM_MEMBER_ROLE_BILLING");
        assertThat(page.get(4).statusRaw()).as("a number keeps its digits").isEqualTo("7");
        assertThat(page.get(4).roleRaw()).isNull();
        assertThat(page.get(5)).isEqualTo(new TeamUser("u-6", null, null, UserStatus.UNKNOWN, null, TeamRole.UNKNOWN,
                null, null, null));
    }

    @Test
    void aMemberWithoutEmailIsKeptWithANullEmail() {
        server.stubFor(get(urlPathEqualTo(USERS)).willReturn(okJson(usersBody("r", 2,
                "{\"team_user_id\":\"u-1\",\"user_name\":\"No Mail\",\"status\":\"USER_STATUS_ACTIVE\"}",
                "{\"team_user_id\":\"u-2\",\"email\":null,\"user_name\":\"Null Mail\"}"))));

        List<TeamUser> users = client.listUsers(UserQuery.of(100)).users();

        assertThat(users).extracting(TeamUser::teamUserId).containsExactly("u-1", "u-2");
        assertThat(users).extracting(TeamUser::email).containsOnlyNulls();
        assertThat(users).extracting(TeamUser::userName).containsExactly("No Mail", "Null Mail");
    }

    @Test
    void hostileTextIsKeptExactlyAsSent() {
        List<String> hostile = List.of("<script>alert(1)</script>", "=HYPERLINK(\"http://evil\",\"x\")",
                "bell\u0007 \u001b[31mred\u001b[0m line\r\nbreak\u2028", "invoice_\u202Egpj.exe", "محمد علي",
                "\uD83D\uDE80 " + "very long name ".repeat(400));
        StringBuilder users = new StringBuilder();
        for (int i = 0; i < hostile.size(); i++) {
            users.append(i > 0 ? "," : "").append(JSON.writeValueAsString(Map.of("team_user_id", "u-" + i,
                    "user_name", hostile.get(i), "email", hostile.get(i) + "@acme.example")));
        }
        server.stubFor(get(urlPathEqualTo(USERS)).willReturn(okJson(usersBody("r", hostile.size(), users.toString()))));

        List<TeamUser> page = client.listUsers(UserQuery.of(100)).users();

        assertThat(page).extracting(TeamUser::userName).containsExactlyElementsOf(hostile);
        assertThat(page).extracting(TeamUser::email)
                .containsExactlyElementsOf(hostile.stream().map(name -> name + "@acme.example").toList());
    }

    @Test
    void aUserWithoutTeamUserIdFailsThePageNamingTheRequestId() {
        server.stubFor(get(urlPathEqualTo(USERS)).willReturn(okJson(usersBody("req-bad", 2, ANN,
                "{\"team_user_id\":\"\",\"email\":\"ghost@acme.example\"}"))));

        ManusApiException failure = catchThrowableOfType(ManusApiException.class,
                () -> client.listUsers(UserQuery.of(100)));

        assertThat(failure.code()).isEqualTo(ErrorCode.PROTOCOL);
        assertThat(failure.requestId()).isEqualTo("req-bad");
        assertThat(failure.getMessage()).contains("team.user.list", "request_id=req-bad", "user 1", "team_user_id");
    }

    @Test
    void anEmptyListNeedsTotalZeroToBeBelieved() {
        server.stubFor(get(urlPathEqualTo(USERS)).willReturn(okJson("{\"ok\":true,\"request_id\":\"r-0\",\"total\":0}")));
        assertThat(client.listUsers(UserQuery.of(100)).users()).isEmpty();

        server.stubFor(get(urlPathEqualTo(USERS)).willReturn(okJson("{\"ok\":true,\"request_id\":\"r-1\"}")));
        assertThat(catchThrowableOfType(ManusApiException.class, () -> client.listUsers(UserQuery.of(100))).code())
                .isEqualTo(ErrorCode.PROTOCOL);
    }

    @Test
    void withoutAUserKeyNothingIsSentAndTheErrorNamesTheSetting() {
        ManusClient assetKeysOnly = ManusTestSupport.client(ManusTestSupport.settings(server),
                ManusTestSupport.bothKeys(), sleeper);

        assertThatThrownBy(() -> assetKeysOnly.listUsers(UserQuery.of(100)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("MANUS_USER_MGMT_KEY")
                .message().doesNotContain(AUDIT_SECRET, MGMT_SECRET);
        assertThat(server.getAllServeEvents()).isEmpty();
        assertThat(assetKeysOnly.tally().answers()).isEmpty();
    }

    @Test
    void theUserKeyIsNeverSentToTheAssetEndpoints() {
        server.stubFor(get(urlPathEqualTo("/v2/team.asset.list"))
                .willReturn(okJson(ManusTestSupport.listBody("r", 0))));

        client.listAssets(ListQuery.of(AssetType.FILE_SHARE, 100));

        server.verify(getRequestedFor(urlPathEqualTo("/v2/team.asset.list")).withHeader("X-API-Key", equalTo(AUDIT_SECRET)));
    }

    @Test
    void badQueriesAreRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> client.listUsers(UserQuery.of(0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.listUsers(UserQuery.of(1001))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.listUsers(UserQuery.of(10).withOffset(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.listUsers(new UserQuery(10, 0, UserStatus.UNKNOWN, null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void a429IsWaitedOutRetriedAndCounted() {
        ManusTestSupport.sequence(server, () -> get(urlPathEqualTo(USERS)),
                aResponse().withStatus(429).withHeader("Retry-After", "3")
                        .withBody(errorBody("r-1", "resource_exhausted", "slow down")),
                okJson(usersBody("r-2", 1, ANN)));

        UserPage page = client.listUsers(UserQuery.of(100));

        assertThat(page.users()).extracting(TeamUser::teamUserId).containsExactly("u-1");
        assertThat(page.throttled()).isEqualTo(1);
        assertThat(page.requestId()).isEqualTo("r-2");
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(3));
        assertThat(client.tally().answers()).isEqualTo(Map.of(
                new Answer("team.user.list", "429"), 1L, new Answer("team.user.list", "200"), 1L));
        assertThat(client.tally().retries()).isEqualTo(Map.of("team.user.list", 1L));
    }

    @Test
    void aRefusedKeyFailsAtOnceWithoutShowingTheKey() {
        server.stubFor(get(urlPathEqualTo(USERS)).willReturn(aResponse().withStatus(403)
                .withBody(errorBody("r-403", "permission_denied", "key " + USER_SECRET + " may not call this"))));

        ManusApiException failure = catchThrowableOfType(ManusApiException.class,
                () -> client.listUsers(UserQuery.of(100)));

        assertThat(failure.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(failure.getMessage()).contains("team.user.list", "request_id=r-403")
                .doesNotContain(USER_SECRET);
        assertThat(failure.toString()).doesNotContain(USER_SECRET);
        assertThat(server.getAllServeEvents()).hasSize(1);
    }

    private static String user(String id, String status, String role) {
        return "{\"team_user_id\":\"" + id + "\",\"status\":\"" + status + "\",\"role\":\"" + role + "\"}";
    }

    static String usersBody(String requestId, long total, String... users) {
        return "{\"ok\":true,\"request_id\":\"" + requestId + "\",\"users\":[" + String.join(",", users)
                + "],\"total\":" + total + ",\"limit\":100,\"offset\":0}";
    }
}
