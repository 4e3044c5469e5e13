package dev.dspm.scanner.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** GET team.user.list over HTTP: paging, filters, key rules and faults. */
class UserListHandlerTests {

    private ManusSimulator simulator;
    private SimulatedTenant tenant;
    private Api api;

    @BeforeEach
    void start() {
        simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(31, 1_500)));
        tenant = simulator.tenant();
        api = new Api(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void threePagesHoldEveryMemberOnceInTeamUserIdOrder() {
        int limit = tenant.members().size() / 3 + 1;

        JsonNode first = Api.json(api.users(ManusSimulator.USER_KEY, "limit=" + limit + "&offset=0"));
        List<TeamMember> paged = api.allUsers(limit, "");

        assertThat(paged).isEqualTo(tenant.members());
        assertThat(first.get("ok").asBoolean()).isTrue();
        assertThat(first.get("request_id").asString()).startsWith("req-");
        assertThat(first.get("total").asInt()).isEqualTo(tenant.members().size());
        assertThat(first.get("limit").asInt()).isEqualTo(limit);
        assertThat(first.get("offset").asInt()).isZero();
        assertThat(first.get("users")).hasSize(limit);
        assertThat(simulator.requests()).hasSize(4).allSatisfy(request -> {
            assertThat(request.path()).isEqualTo("/v2/team.user.list");
            assertThat(request.keyType()).isEqualTo("USER");
            assertThat(request.status()).isEqualTo(200);
        });
    }

    @Test
    void theWireShapeCarriesNullsForAnUndelegatedMemberAndLeavesAMissingEmailOut() {
        JsonNode users = Api.json(api.users(ManusSimulator.USER_KEY, "limit=1000")).get("users");

        assertThat(users).hasSize(tenant.members().size()).allSatisfy(user -> {
            assertThat(user.has("delegated_to")).isTrue();
            assertThat(user.has("original_email")).isTrue();
        });
        assertThat(users).filteredOn(user -> !user.has("email")).hasSameSizeAs(
                tenant.members().stream().filter(m -> m.email() == null).toList()).isNotEmpty();
        assertThat(users).filteredOn(user -> user.get("delegated_to").isNull()).isNotEmpty()
                .allSatisfy(user -> assertThat(user.get("original_email").isNull()).isTrue());
    }

    @Test
    void aDefaultPageHoldsAHundredAndAnOffsetPastTheEndIsEmpty() {
        JsonNode page = Api.json(api.users(ManusSimulator.USER_KEY, ""));
        JsonNode past = Api.json(api.users(ManusSimulator.USER_KEY, "offset=100000"));

        assertThat(page.get("limit").asInt()).isEqualTo(100);
        assertThat(page.get("users")).hasSize(Math.min(100, tenant.members().size()));
        assertThat(past.get("users")).isEmpty();
        assertThat(past.get("total").asInt()).isEqualTo(tenant.members().size());
    }

    @Test
    void statusAndDelegationFiltersNarrowTheListAndCombine() {
        for (String status : ApiNames.USER_STATUSES) {
            assertThat(api.allUsers(7, "&status_filter=" + status)).as(status)
                    .isEqualTo(tenant.members().stream().filter(m -> m.status().equals(status)).toList())
                    .isNotEmpty();
        }
        assertThat(api.allUsers(7, "&delegation_state=DELEGATION_STATE_DELEGATED"))
                .isEqualTo(tenant.members().stream().filter(TeamMember::delegated).toList()).isNotEmpty();
        assertThat(api.allUsers(1000, "&delegation_state=DELEGATION_STATE_NOT_DELEGATED"))
                .isEqualTo(tenant.members().stream().filter(m -> !m.delegated()).toList());
        TeamMember delegated = tenant.members().stream().filter(TeamMember::delegated).findFirst().orElseThrow();
        tenant.setMemberStatus(delegated.teamUserId(), "USER_STATUS_INACTIVE");
        assertThat(api.allUsers(1000, "&status_filter=USER_STATUS_INACTIVE&delegation_state=DELEGATION_STATE_DELEGATED"))
                .extracting(TeamMember::teamUserId).contains(delegated.teamUserId())
                .allSatisfy(id -> assertThat(tenant.members().stream().filter(m -> m.teamUserId().equals(id)).findFirst()
                        .orElseThrow().delegated()).isTrue());
    }

    @Test
    void badPagingAndUnknownFilterValuesAreInvalidArguments() {
        for (String query : List.of("limit=0", "limit=1001", "limit=ten", "offset=-1", "status_filter=ACTIVE",
                "status_filter=USER_STATUS_UNSPECIFIED", "delegation_state=DELEGATED")) {
            HttpResponse<String> response = api.users(ManusSimulator.USER_KEY, query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            JsonNode body = Api.json(response);
            assertThat(body.get("ok").asBoolean()).isFalse();
            assertThat(body.get("error").get("code").asString()).isEqualTo("invalid_argument");
        }
    }

    @Test
    void onlyTheUserKeyMayListUsersAndTheUserKeyMayNotTouchAssets() {
        assertError(api.users(ManusSimulator.AUDIT_KEY, "limit=10"), 403, "permission_denied");
        assertError(api.users(ManusSimulator.MGMT_KEY, "limit=10"), 403, "permission_denied");
        assertError(api.users(null, "limit=10"), 401, "unauthenticated");
        assertError(api.users("sim-user-key-0002", "limit=10"), 401, "unauthenticated");
        assertError(api.list(ManusSimulator.USER_KEY, "asset_type=" + Api.FILE), 403, "permission_denied");
        assertError(api.updateScope(ManusSimulator.USER_KEY, "{\"share_uid\":\"shr_x\",\"permission\":\"SHARE_SCOPE_OWNER\"}"),
                403, "permission_denied");
        assertThat(tenant.auditLog()).isEmpty();
        assertThat(simulator.requests()).extracting(RecordedRequest::keyType)
                .containsExactly("AUDIT", "MGMT", "MISSING", "WRONG", "USER", "USER");
    }

    @Test
    void failNextFailAfterAndTheRateLimitApplyToUserPages() {
        simulator.faults().failNext(429, 1).failNext(503, 1);
        assertThat(statuses(3)).containsExactly(429, 503, 200);

        simulator.faults().failAfter(2, 500, 1);
        // asset and user pages alike count towards failAfter
        assertThat(api.list(ManusSimulator.AUDIT_KEY, "asset_type=" + Api.FILE).statusCode()).isEqualTo(200);
        assertThat(statuses(3)).containsExactly(200, 500, 200);

        simulator.faults().clear().rateLimit(0.5, 2);
        assertThat(statuses(3)).containsExactly(200, 200, 429);
        HttpResponse<String> throttled = api.users(ManusSimulator.USER_KEY, "limit=5");
        assertError(throttled, 429, "resource_exhausted");
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        assertThat(simulator.faults().throttledCount()).as("the failNext 429 and two of the bucket").isEqualTo(3);
    }

    @Test
    void aMutationPlannedForTheNthListRequestLandsBetweenUserPages() {
        TeamMember last = tenant.members().get(tenant.members().size() - 1);
        simulator.faults().beforeListRequest(2, t -> t.removeMember(last.teamUserId()));

        JsonNode first = Api.json(api.users(ManusSimulator.USER_KEY, "limit=5"));
        JsonNode second = Api.json(api.users(ManusSimulator.USER_KEY, "limit=5&offset=5"));

        assertThat(second.get("total").asInt()).isEqualTo(first.get("total").asInt() - 1);
    }

    @Test
    void aDroppedUserPageGetsNoResponseByteAndADelayedOneComesLate() throws IOException {
        simulator.faults().dropNext(1);
        try (Socket socket = new Socket(simulator.baseUrl().getHost(), simulator.baseUrl().getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET /v2/team.user.list?limit=5 HTTP/1.1\r\nHost: sim\r\nX-API-Key: "
                    + ManusSimulator.USER_KEY + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }

        simulator.faults().delayNext(Duration.ofMillis(300), 1);
        long started = System.nanoTime();
        assertThat(api.users(ManusSimulator.USER_KEY, "limit=5").statusCode()).isEqualTo(200);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(simulator.requests()).extracting(RecordedRequest::status).containsExactly(0, 200);
    }

    @Test
    void onlyGetIsServed() {
        HttpResponse<String> post = Api.send(HttpRequest.newBuilder(simulator.baseUrl().resolve("/v2/team.user.list"))
                .header("X-API-Key", ManusSimulator.USER_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpClient.newHttpClient());

        assertError(post, 404, "not_found");
    }

    private List<Integer> statuses(int requests) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            statuses.add(api.users(ManusSimulator.USER_KEY, "limit=5").statusCode());
        }
        return statuses;
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = Api.json(response);
        assertThat(body.get("ok").asBoolean()).isFalse();
        assertThat(body.get("request_id").asString()).startsWith("req-");
        assertThat(body.get("error").get("code").asString()).isEqualTo(code);
    }
}
