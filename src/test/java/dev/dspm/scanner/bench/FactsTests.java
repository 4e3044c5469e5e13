package dev.dspm.scanner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.dspm.scanner.manus.AdaptiveRateLimiter;
import dev.dspm.scanner.manus.ApiKeys;
import dev.dspm.scanner.manus.ApiSettings;
import dev.dspm.scanner.manus.Asset;
import dev.dspm.scanner.manus.AssetPage;
import dev.dspm.scanner.manus.AssetType;
import dev.dspm.scanner.manus.ListQuery;
import dev.dspm.scanner.manus.ManusClient;
import dev.dspm.scanner.manus.ShareScope;
import dev.dspm.scanner.policy.Share;
import dev.dspm.scanner.simulator.ListedShare;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/** The floor's facts are the shares the job's own client reads from the simulator's API, field for field. */
class FactsTests {

    @Test
    void everyShareIsWhatTheJobsClientReadsFromTheApi() {
        SimulatedTenant tenant = SimulatedTenant.generate(TenantSpec.realistic(EvaluateBenchmark.SEED, 5_000));
        Map<String, Asset> read = new HashMap<>();
        try (ManusSimulator simulator = ManusSimulator.start(tenant)) {
            ManusClient client = new ManusClient(ApiSettings.defaults().withBaseUrl(simulator.baseUrl()),
                    ApiKeys.load(Map.of(ApiKeys.AUDIT_KEY_ENV, ManusSimulator.AUDIT_KEY)::get), new AdaptiveRateLimiter(1_000));
            for (AssetType type : AssetType.values()) {
                AssetPage page;
                int offset = 0;
                do {
                    page = client.listAssets(ListQuery.of(type, 1_000).withOffset(offset));
                    page.assets().forEach(asset -> read.put(asset.uid(), asset));
                    offset += page.assets().size();
                } while (offset < page.total());
            }
        }

        int unknownScopes = 0;
        int withoutSession = 0;
        for (AssetType type : AssetType.values()) {
            for (ListedShare listed : tenant.listed(type.wireName())) {
                Share share = Facts.share(listed);
                assertThat(share).isEqualTo(asTheJobReadsIt(read.remove(listed.uid())));
                unknownScopes += share.permission() == ShareScope.UNKNOWN ? 1 : 0;
                withoutSession += share.sessionId() == null ? 1 : 0;
            }
        }
        assertThat(read).isEmpty();
        assertThat(unknownScopes).as("shares whose effective scope this build does not know").isPositive();
        assertThat(withoutSession).isPositive();
    }

    /** The job stores the partition's type, so the type is never unknown; its raw form is the wire name. */
    private static Share asTheJobReadsIt(Asset asset) {
        return new Share(asset.uid(), asset.assetType(), asset.assetType().wireName(), asset.assetName(), asset.assetId(),
                asset.sharedAt(), asset.lastOperatedAt(), asset.ownerId(), asset.sessionId(), asset.assetExists(),
                asset.permission(), asset.permissionRaw(), asset.maxPermission(), asset.maxPermissionRaw(), null);
    }
}
