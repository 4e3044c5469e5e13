package dev.dspm.scanner.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SimulatedTenantTests {

    @Test
    void theSameSpecRendersIdenticalJson() {
        TenantSpec spec = TenantSpec.realistic(99, 2_500);

        assertThat(allPages(spec)).isEqualTo(allPages(spec));
        assertThat(allPages(TenantSpec.realistic(100, 2_500))).isNotEqualTo(allPages(spec));
    }

    @Test
    void sharesLookLikeTheRealApisShares() {
        SimulatedTenant tenant = SimulatedTenant.generate(TenantSpec.realistic(3, 5_000));

        for (String type : Api.TYPES) {
            String prefix = ShareType.require(type).assetIdPrefix();
            boolean hasSession = !type.equals(Api.WEBSITE) && !type.equals(Api.PROJECT);
            assertThat(tenant.listed(type)).as(type).allSatisfy(share -> {
                assertThat(share.uid()).matches("shr_[a-z2-7]{20}");
                assertThat(share.assetType()).isEqualTo(type);
                assertThat(share.assetId()).startsWith(prefix);
                assertThat(share.ownerId()).matches("usr_[a-z2-7]{16}");
                assertThat(share.sharedAt()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ")
                        .isLessThan("2026-11-01T00:00:00Z").isGreaterThan("2023-10-31T00:00:00Z");
                assertThat(share.lastOperatedAt()).isGreaterThanOrEqualTo(share.sharedAt());
                assertThat(share.sessionId() != null).isEqualTo(hasSession);
            });
        }
        assertThat(tenant.ownerIds()).hasSizeBetween(150, 200).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aRealisticTenantHasStaleHostileAndUnknownRows() {
        SimulatedTenant tenant = SimulatedTenant.generate(TenantSpec.realistic(4, 5_000));
        List<ListedShare> all = new ArrayList<>();
        Api.TYPES.forEach(type -> all.addAll(tenant.listed(type)));

        assertThat(all).filteredOn(s -> !s.assetExists()).hasSizeBetween(100, 200);
        assertThat(all).filteredOn(s -> NamePool.HOSTILE.contains(s.assetName())).hasSizeBetween(60, 150);
        assertThat(all).filteredOn(s -> s.permission().equals("SHARE_SCOPE_PUBLIC")).hasSizeBetween(600, 900);
        assertThat(all).extracting(ListedShare::permission).contains("SHARE_SCOPE_DOMAIN");
    }

    @Test
    void someRowsCarryAFieldClientsDoNotKnow() {
        TenantSpec spec = new TenantSpec(5, Map.of(Api.FILE, 50), 20, 0.5, 0, 0, 1.0);

        List<JsonNode> assets = new ArrayList<>();
        try (ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(spec))) {
            assets.addAll(new Api(simulator).allAssets(Api.FILE, 1000, ""));
        }

        assertThat(assets).filteredOn(a -> a.has("labels")).hasSize(25);
        assertThat(assets).filteredOn(a -> a.get("permission").asString().equals("SHARE_SCOPE_DOMAIN")).hasSize(25);
    }

    @Test
    void aNewShareLandsAtOffsetZeroAndShiftsTheRest() {
        SimulatedTenant tenant = SimulatedTenant.generate(TenantSpec.realistic(6, 1_000));
        List<ListedShare> before = tenant.listed(Api.FILE);
        long version = tenant.version();

        String uid = tenant.addShare(Api.FILE);

        List<ListedShare> after = tenant.listed(Api.FILE);
        assertThat(after.get(0).uid()).isEqualTo(uid);
        assertThat(after.subList(1, after.size())).isEqualTo(before);
        assertThat(tenant.size(Api.FILE)).isEqualTo(before.size() + 1);
        assertThat(tenant.version()).isGreaterThan(version);
        assertThat(tenant.addShare(Api.FILE)).isNotEqualTo(uid);
        assertThat(tenant.listed(Api.FILE).get(1).uid()).isEqualTo(uid);
    }

    @Test
    void aRemovedShareIsGone() {
        SimulatedTenant tenant = SimulatedTenant.generate(TenantSpec.realistic(6, 1_000));
        List<ListedShare> before = tenant.listed(Api.SESSION);
        long version = tenant.version();

        tenant.removeShare(before.get(5).uid());

        List<ListedShare> expected = new ArrayList<>(before);
        expected.remove(5);
        assertThat(tenant.listed(Api.SESSION)).isEqualTo(expected);
        assertThat(tenant.version()).isGreaterThan(version);
        assertThatThrownBy(() -> tenant.removeShare(before.get(5).uid())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRenamedShareIsListedUnderItsNewNameInItsPlace() {
        SimulatedTenant tenant = SimulatedTenant.generate(TenantSpec.realistic(5L, 200));
        List<ListedShare> before = tenant.listed(Api.WEBSITE);
        ListedShare share = before.get(7);
        long version = tenant.version();

        tenant.rename(share.uid(), "Q4 plan \u202E(renamed)");

        List<ListedShare> after = tenant.listed(Api.WEBSITE);
        assertThat(after.get(7)).isEqualTo(new ListedShare(share.uid(), share.assetType(), "Q4 plan \u202E(renamed)",
                share.assetId(), share.sharedAt(), share.lastOperatedAt(), share.ownerId(), share.sessionId(),
                share.assetExists(), share.permission(), share.maxPermission()));
        assertThat(after.subList(0, 7)).isEqualTo(before.subList(0, 7));
        assertThat(after.subList(8, after.size())).isEqualTo(before.subList(8, before.size()));
        assertThat(tenant.version()).isGreaterThan(version);
        assertThatThrownBy(() -> tenant.rename("shr_no_such_share", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aShareWhoseAssetIsDeletedIsListedStaleInItsPlace() {
        SimulatedTenant tenant = SimulatedTenant.generate(TenantSpec.realistic(5L, 200));
        List<ListedShare> before = tenant.listed(Api.FILE);
        ListedShare share = before.stream().filter(ListedShare::assetExists).findFirst().orElseThrow();
        int place = before.indexOf(share);

        tenant.deleteAsset(share.uid());

        List<ListedShare> after = tenant.listed(Api.FILE);
        assertThat(after.get(place)).isEqualTo(new ListedShare(share.uid(), share.assetType(), share.assetName(),
                share.assetId(), share.sharedAt(), share.lastOperatedAt(), share.ownerId(), share.sessionId(), false,
                share.permission(), share.maxPermission()));
        assertThat(after).hasSameSizeAs(before);
    }

    @Test
    void theGlobalControlDefaultsToPublicAndChangesTheVersion() {
        SimulatedTenant tenant = SimulatedTenant.generate(TenantSpec.realistic(8, 500));
        long version = tenant.version();

        assertThat(tenant.listed(Api.PROJECT)).extracting(ListedShare::maxPermission).containsOnly("SHARE_SCOPE_PUBLIC");
        tenant.setGlobalControl(Api.PROJECT, "SHARE_SCOPE_TEAM_ONLY");

        assertThat(tenant.listed(Api.PROJECT)).extracting(ListedShare::permission)
                .doesNotContain("SHARE_SCOPE_PUBLIC", "SHARE_SCOPE_DOMAIN");
        assertThat(tenant.version()).isGreaterThan(version);
        assertThatThrownBy(() -> tenant.setGlobalControl(Api.PROJECT, "SHARE_SCOPE_EVERYONE"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tenant.size("ASSET_TYPE_MOVIE")).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> allPages(TenantSpec spec) {
        List<String> pages = new ArrayList<>();
        try (ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(spec))) {
            Api api = new Api(simulator);
            for (String type : Api.TYPES) {
                for (int offset = 0; offset < simulator.tenant().size(type); offset += 1000) {
                    String body = api.list(ManusSimulator.AUDIT_KEY, "asset_type=" + type + "&limit=1000&offset=" + offset).body();
                    pages.add(body.replaceFirst("\"request_id\":\"req-\\d+\"", ""));
                }
            }
        }
        return pages;
    }
}
