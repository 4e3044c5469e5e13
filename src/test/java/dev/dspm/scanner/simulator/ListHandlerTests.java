package dev.dspm.scanner.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ListHandlerTests {

    private ManusSimulator simulator;
    private Api api;

    private SimulatedTenant start(TenantSpec spec) {
        simulator = ManusSimulator.start(SimulatedTenant.generate(spec));
        api = new Api(simulator);
        return simulator.tenant();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void allPagesOfEachTypeAreExactlyTheListedShares() {
        SimulatedTenant tenant = start(TenantSpec.realistic(11, 3_000));

        for (String type : Api.TYPES) {
            for (int limit : new int[] {1000, 97}) {
                List<ListedShare> paged = api.allAssets(type, limit, "").stream()
                        .map(asset -> Api.listedShare(type, asset))
                        .toList();

                assertThat(paged).as(type + " limit " + limit).isEqualTo(tenant.listed(type));
                assertThat(paged.stream().map(ListedShare::uid).distinct()).hasSize(tenant.size(type));
            }
            JsonNode first = Api.json(api.list(ManusSimulator.AUDIT_KEY, "asset_type=" + type));
            assertThat(first.get("total").asInt()).isEqualTo(tenant.size(type)).isPositive();
        }
    }

    @Test
    void theListIsNewestFirstThenByUid() {
        SimulatedTenant tenant = start(TenantSpec.realistic(12, 2_000));

        List<ListedShare> listed = tenant.listed(Api.FILE);

        for (int i = 1; i < listed.size(); i++) {
            ListedShare before = listed.get(i - 1);
            ListedShare after = listed.get(i);
            int byTime = after.sharedAt().compareTo(before.sharedAt());
            assertThat(byTime < 0 || (byTime == 0 && before.uid().compareTo(after.uid()) < 0)).isTrue();
        }
    }

    @Test
    void aTypeWithoutSharesIsEmpty() {
        start(TenantSpec.of(13, Map.of(Api.FILE, 10)));

        JsonNode body = Api.json(api.list(ManusSimulator.AUDIT_KEY, "asset_type=" + Api.PROJECT));

        assertThat(body.get("total").asInt()).isZero();
        assertThat(body.get("assets")).isEmpty();
    }

    @Test
    void anOffsetPastTheEndIsAnEmptyPage() {
        start(TenantSpec.of(13, Map.of(Api.FILE, 10)));

        JsonNode body = Api.json(api.list(ManusSimulator.AUDIT_KEY, "asset_type=" + Api.FILE + "&offset=5000000000"));

        assertThat(body.get("total").asInt()).isEqualTo(10);
        assertThat(body.get("assets")).isEmpty();
        assertThat(body.get("offset").asLong()).isEqualTo(5_000_000_000L);
    }

    @Test
    void pagingAFilteredListStaysConsistent() {
        SimulatedTenant tenant = start(TenantSpec.realistic(20, 5_000));
        List<String> expected = tenant.listed(Api.FILE).stream()
                .filter(s -> s.assetName().toLowerCase(Locale.ROOT).startsWith("customer"))
                .map(ListedShare::uid).toList();

        List<JsonNode> found = api.allAssets(Api.FILE, 3, "&keyword=customer");

        assertThat(found).extracting(a -> a.get("uid").asString()).isEqualTo(expected);
    }
}
