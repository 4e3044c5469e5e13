package dev.dspm.scanner.simulator;

import static dev.dspm.scanner.simulator.ManusSimulatorTests.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class UpdateScopeHandlerTests {

    private ManusSimulator simulator;
    private SimulatedTenant tenant;
    private Api api;

    @BeforeEach
    void start() {
        simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(31, 2_000)));
        tenant = simulator.tenant();
        api = new Api(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void anOverrideTightensTheNextListAndIsAudited() {
        ListedShare share = firstLive("SHARE_SCOPE_PUBLIC");
        String note = "dspm-scanner run 42: public file share -> TEAM_ONLY \"quoted\" é";

        HttpResponse<String> response = api.updateScope(ManusSimulator.MGMT_KEY, "{\"share_uid\":\"" + share.uid()
                + "\",\"permission\":\"SHARE_SCOPE_TEAM_ONLY\",\"note\":" + Api.quote(note) + "}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Api.json(response);
        assertThat(body.get("ok").asBoolean()).isTrue();
        assertThat(body.get("request_id").asString()).startsWith("req-");
        JsonNode asset = find(share.uid());
        assertThat(asset.get("permission").asString()).isEqualTo("SHARE_SCOPE_TEAM_ONLY");
        assertThat(asset.get("max_permission").asString()).isEqualTo("SHARE_SCOPE_TEAM_ONLY");
        assertThat(tenant.overrideOf(share.uid())).hasValue("SHARE_SCOPE_TEAM_ONLY");
        assertThat(tenant.auditLog()).containsExactly(new AuditEntry(share.uid(), "SHARE_SCOPE_TEAM_ONLY", note));
    }

    @Test
    void theEffectiveScopeIsTheTighterOfStoredAndOverride() {
        ListedShare share = firstLive("SHARE_SCOPE_TEAM_ONLY");

        api.updateScope(ManusSimulator.MGMT_KEY, "{\"share_uid\":\"" + share.uid() + "\",\"permission\":\"SHARE_SCOPE_PUBLIC\"}");

        JsonNode asset = find(share.uid());
        assertThat(asset.get("max_permission").asString()).isEqualTo("SHARE_SCOPE_PUBLIC");
        assertThat(asset.get("permission").asString()).isEqualTo("SHARE_SCOPE_TEAM_ONLY");
        assertThat(tenant.auditLog()).extracting(AuditEntry::note).containsExactly((String) null);
    }

    @Test
    void everyCallWritesAnAuditRow() {
        ListedShare share = firstLive("SHARE_SCOPE_PUBLIC");
        String body = "{\"share_uid\":\"" + share.uid() + "\",\"permission\":\"SHARE_SCOPE_OWNER\",\"note\":\"n\"}";
        long version = tenant.version();

        api.updateScope(ManusSimulator.MGMT_KEY, body);
        api.updateScope(ManusSimulator.MGMT_KEY, body);

        assertThat(tenant.auditLog()).hasSize(2);
        assertThat(tenant.version()).isGreaterThan(version);
    }

    @Test
    void anUnknownUidIsNotFound() {
        HttpResponse<String> response = api.updateScope(ManusSimulator.MGMT_KEY,
                "{\"share_uid\":\"shr_doesnotexist000000\",\"permission\":\"SHARE_SCOPE_OWNER\"}");

        assertError(response, 404, "not_found");
        assertThat(tenant.auditLog()).isEmpty();
    }

    @Test
    void aStaleShareCannotBeRescoped() {
        ListedShare stale = tenant.listed(Api.FILE).stream().filter(s -> !s.assetExists()).findFirst().orElseThrow();

        HttpResponse<String> response = api.updateScope(ManusSimulator.MGMT_KEY,
                "{\"share_uid\":\"" + stale.uid() + "\",\"permission\":\"SHARE_SCOPE_OWNER\"}");

        assertError(response, 400, "failed_precondition");
        assertThat(tenant.overrideOf(stale.uid())).isEmpty();
        assertThat(tenant.auditLog()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "not json",
        "[]",
        "{\"share_uid\":\"UID\"",
        "{\"share_uid\":\"UID\",\"permission\":\"SHARE_SCOPE_OWNER\"} trailing",
        "{\"permission\":\"SHARE_SCOPE_OWNER\"}",
        "{\"share_uid\":\"\",\"permission\":\"SHARE_SCOPE_OWNER\"}",
        "{\"share_uid\":\"UID\"}",
        "{\"share_uid\":\"UID\",\"permission\":\"OWNER\"}",
        "{\"share_uid\":\"UID\",\"permission\":\"SHARE_SCOPE_DOMAIN\"}",
        "{\"share_uid\":\"UID\",\"permission\":2}",
        "{\"share_uid\":\"UID\",\"permission\":\"SHARE_SCOPE_OWNER\",\"note\":{\"a\":\"b\"}}"})
    void aBadBodyIsAnInvalidArgument(String template) {
        String body = template.replace("UID", firstLive("SHARE_SCOPE_PUBLIC").uid());

        assertError(api.updateScope(ManusSimulator.MGMT_KEY, body), 400, "invalid_argument");
        assertThat(tenant.auditLog()).isEmpty();
    }

    private ListedShare firstLive(String permission) {
        return tenant.listed(Api.FILE).stream()
                .filter(s -> s.assetExists() && s.permission().equals(permission))
                .findFirst().orElseThrow();
    }

    private JsonNode find(String uid) {
        return api.allAssets(Api.FILE, 1000, "").stream()
                .filter(a -> a.get("uid").asString().equals(uid))
                .findFirst().orElseThrow();
    }
}
