package dev.dspm.scanner.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class ManusSimulatorTests {

    private static ManusSimulator simulator;
    private static Api api;

    @BeforeAll
    static void start() {
        simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(7, 500)));
        api = new Api(simulator);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void servesOnLoopback() {
        assertThat(simulator.baseUrl().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
    }

    @Test
    void listAnswersTheSuccessEnvelopeWithContentLength() {
        HttpResponse<String> response = api.list(ManusSimulator.AUDIT_KEY, "asset_type=" + Api.FILE + "&limit=5&offset=2");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValueAsLong("Content-Length"))
                .hasValue(response.body().getBytes(StandardCharsets.UTF_8).length);
        JsonNode body = Api.json(response);
        assertThat(body.get("ok").asBoolean()).isTrue();
        assertThat(body.get("request_id").asString()).startsWith("req-");
        assertThat(body.get("assets")).hasSize(5);
        assertThat(body.get("total").asInt()).isEqualTo(simulator.tenant().size(Api.FILE));
        assertThat(body.get("limit").asInt()).isEqualTo(5);
        assertThat(body.get("offset").asInt()).isEqualTo(2);
    }

    @Test
    void limitDefaultsToOneHundred() {
        JsonNode body = Api.json(api.list(ManusSimulator.AUDIT_KEY, "asset_type=" + Api.FILE));

        assertThat(body.get("limit").asInt()).isEqualTo(100);
        assertThat(body.get("offset").asInt()).isZero();
        assertThat(body.get("assets")).hasSize(Math.min(100, simulator.tenant().size(Api.FILE)));
    }

    @Test
    void theMgmtKeyMayListToo() {
        assertThat(api.list(ManusSimulator.MGMT_KEY, "asset_type=" + Api.FILE).statusCode()).isEqualTo(200);
    }

    @Test
    void everyResponseCarriesItsOwnRequestId() {
        Set<String> ids = new HashSet<>();
        ids.add(Api.json(api.list(ManusSimulator.AUDIT_KEY, "asset_type=" + Api.FILE)).get("request_id").asString());
        ids.add(Api.json(api.list(ManusSimulator.AUDIT_KEY, "asset_type=" + Api.FILE)).get("request_id").asString());
        ids.add(Api.json(api.list(null, "asset_type=" + Api.FILE)).get("request_id").asString());
        ids.add(Api.json(api.get(ManusSimulator.AUDIT_KEY, "/nowhere")).get("request_id").asString());

        assertThat(ids).hasSize(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "limit=10",
        "asset_type=ASSET_TYPE_MOVIE",
        "asset_type=FILE_SHARE",
        "asset_type=ASSET_TYPE_FILE_SHARE&limit=0",
        "asset_type=ASSET_TYPE_FILE_SHARE&limit=1001",
        "asset_type=ASSET_TYPE_FILE_SHARE&limit=ten",
        "asset_type=ASSET_TYPE_FILE_SHARE&offset=-1",
        "asset_type=ASSET_TYPE_FILE_SHARE&offset=1.5",
        "asset_type=ASSET_TYPE_FILE_SHARE&start_time=yesterday",
        "asset_type=ASSET_TYPE_FILE_SHARE&end_time=2026-01-01",
        "asset_type=ASSET_TYPE_FILE_SHARE&permission=PUBLIC",
        "asset_type=ASSET_TYPE_FILE_SHARE&permission=SHARE_SCOPE_DOMAIN"})
    void refusesABadListQueryWithInvalidArgument(String query) {
        HttpResponse<String> response = api.list(ManusSimulator.AUDIT_KEY, query);

        assertError(response, 400, "invalid_argument");
    }

    @Test
    void aMissingKeyIsUnauthenticated() {
        assertError(api.list(null, "asset_type=" + Api.FILE), 401, "unauthenticated");
        assertError(api.updateScope(null, "{}"), 401, "unauthenticated");
    }

    @Test
    void anUnknownKeyIsUnauthenticated() {
        assertError(api.list("sim-audit-key-0002", "asset_type=" + Api.FILE), 401, "unauthenticated");
    }

    @Test
    void theAuditKeyMayNotUpdateScope() {
        String uid = simulator.tenant().listed(Api.FILE).get(0).uid();

        HttpResponse<String> response = api.updateScope(ManusSimulator.AUDIT_KEY,
                "{\"share_uid\":\"" + uid + "\",\"permission\":\"SHARE_SCOPE_OWNER\"}");

        assertError(response, 403, "permission_denied");
        assertThat(simulator.tenant().overrideOf(uid)).isEmpty();
    }

    @Test
    void anUnknownPathOrMethodIsNotFound() {
        assertError(api.get(ManusSimulator.AUDIT_KEY, "/v2/team.asset.delete"), 404, "not_found");
        assertError(api.get(ManusSimulator.MGMT_KEY, "/v2/team.asset.update_scope"), 404, "not_found");
    }

    @Test
    void recordsEveryRequestWithoutTheKey() {
        int before = simulator.requestCount();
        api.list(ManusSimulator.AUDIT_KEY, "asset_type=" + Api.PROJECT + "&keyword=" + Api.encode("Q3 board"));
        api.list("not-a-key", "asset_type=" + Api.PROJECT);

        List<RecordedRequest> requests = simulator.requests();
        assertThat(simulator.requestCount()).isEqualTo(before + 2);
        RecordedRequest listed = requests.get(requests.size() - 2);
        assertThat(listed.method()).isEqualTo("GET");
        assertThat(listed.path()).isEqualTo("/v2/team.asset.list");
        assertThat(listed.query()).isEqualTo(Map.of("asset_type", Api.PROJECT, "keyword", "Q3 board"));
        assertThat(listed.keyType()).isEqualTo("AUDIT");
        assertThat(listed.status()).isEqualTo(200);
        RecordedRequest refused = requests.get(requests.size() - 1);
        assertThat(refused.keyType()).isEqualTo("WRONG");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.receivedAtNanos()).isGreaterThanOrEqualTo(listed.receivedAtNanos());
        assertThat(requests.toString()).doesNotContain(ManusSimulator.AUDIT_KEY).doesNotContain("not-a-key");
    }

    static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = Api.json(response);
        assertThat(body.get("ok").asBoolean()).isFalse();
        assertThat(body.get("request_id").asString()).startsWith("req-");
        assertThat(body.get("error").get("code").asString()).isEqualTo(code);
        assertThat(body.get("error").get("message").asString()).isNotBlank();
    }
}
