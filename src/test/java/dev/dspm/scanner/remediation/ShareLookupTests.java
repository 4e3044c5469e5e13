package dev.dspm.scanner.remediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.dspm.scanner.manus.AdaptiveRateLimiter;
import dev.dspm.scanner.manus.ApiKeys;
import dev.dspm.scanner.manus.ApiSettings;
import dev.dspm.scanner.manus.Asset;
import dev.dspm.scanner.manus.AssetType;
import dev.dspm.scanner.manus.ManusClient;
import dev.dspm.scanner.manus.ShareScope;
import dev.dspm.scanner.simulator.ListedShare;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.RecordedRequest;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/** One share re-read from the real simulator over loopback, counting the requests it took. */
class ShareLookupTests {

    private static final AssetType TYPE = AssetType.FILE_SHARE;
    private static final String FILE = TYPE.wireName();
    private static final String LIST_PATH = "/v2/team.asset.list";

    private ManusSimulator simulator;
    private SimulatedTenant tenant;
    private ManusClient client;
    private ShareLookup lookup;
    /** The owner with the most file shares (over 1000, so they span pages), and theirs in list order. */
    private String owner;
    private List<ListedShare> owned;

    @BeforeEach
    void start() {
        // Two owners, one of them popular: ~2100 of the 3000 file shares are theirs.
        tenant = SimulatedTenant.generate(new TenantSpec(15, Map.of(FILE, 3_000), 2, 0.15, 0.03, 0.02, 0.002));
        simulator = ManusSimulator.start(tenant);
        client = new ManusClient(ApiSettings.defaults().withBaseUrl(simulator.baseUrl()),
                ApiKeys.load(Map.of(ApiKeys.AUDIT_KEY_ENV, ManusSimulator.AUDIT_KEY,
                        ApiKeys.MGMT_KEY_ENV, ManusSimulator.MGMT_KEY)::get),
                new AdaptiveRateLimiter(1_000));
        lookup = new ShareLookup(client);
        owner = tenant.listed(FILE).stream()
                .collect(Collectors.groupingBy(ListedShare::ownerId, Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        owned = tenant.listed(FILE).stream().filter(s -> s.ownerId().equals(owner)).toList();
        assertThat(owned).hasSizeGreaterThan(1_500);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void aShareOnTheFirstPageTakesOneListRequestFilteredByOwnerAndTypeAndNotPinnedInTime() {
        ListedShare share = owned.get(10);

        Asset found = lookup.current(share.uid(), TYPE, owner).orElseThrow();

        assertThat(found.uid()).isEqualTo(share.uid());
        assertThat(found.ownerId()).isEqualTo(owner);
        assertThat(found.assetName()).isEqualTo(share.assetName());
        assertThat(found.permissionRaw()).isEqualTo(share.permission());
        assertThat(simulator.requests()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.path()).isEqualTo(LIST_PATH);
            assertThat(request.query()).containsOnly(Map.entry("asset_type", FILE), Map.entry("owner_id", owner),
                    Map.entry("limit", "1000"), Map.entry("offset", "0"));
        });
    }

    @Test
    void aShareOnALaterPageTakesThePagesUpToItsOwn() {
        ListedShare share = owned.get(1_500);

        assertThat(lookup.current(share.uid(), TYPE, owner)).map(Asset::uid).hasValue(share.uid());

        assertOnlyListRequests(owner, 0, 1_000);
    }

    @Test
    void showsTheScopeAsItIsNowAfterAGlobalControlAndAnOverride() {
        ListedShare share = owned.stream()
                .filter(s -> s.assetExists() && "SHARE_SCOPE_PUBLIC".equals(s.permission()))
                .findFirst().orElseThrow();
        assertThat(lookup.current(share.uid(), TYPE, owner)).map(Asset::permission).hasValue(ShareScope.PUBLIC);

        tenant.setGlobalControl(FILE, "SHARE_SCOPE_TEAM_ONLY");
        Asset capped = lookup.current(share.uid(), TYPE, owner).orElseThrow();
        assertThat(capped.permission()).isEqualTo(ShareScope.TEAM_ONLY);
        assertThat(capped.maxPermission()).isEqualTo(ShareScope.TEAM_ONLY);

        client.updateScope(share.uid(), ShareScope.OWNER, "test");
        Asset overridden = lookup.current(share.uid(), TYPE, owner).orElseThrow();
        assertThat(overridden.permission()).isEqualTo(ShareScope.OWNER);
        assertThat(overridden.maxPermission()).isEqualTo(ShareScope.OWNER);
    }

    @Test
    void aRemovedShareIsEmptyAfterEveryPageOfItsOwner() {
        ListedShare share = owned.get(3);
        tenant.removeShare(share.uid());

        assertThat(lookup.current(share.uid(), TYPE, owner)).isEmpty();

        assertOnlyListRequests(owner, pageOffsets(owned.size() - 1));
    }

    @Test
    void withoutAnOwnerTheWholeTypeIsPaged() {
        List<ListedShare> all = tenant.listed(FILE);
        ListedShare share = all.get(2_500);

        assertThat(lookup.current(share.uid(), TYPE, null)).map(Asset::uid).hasValue(share.uid());

        assertOnlyListRequests(null, 0, 1_000, 2_000);
    }

    @Test
    void aShareThatSlipsToAnEarlierPageWhileItIsReadIsFoundOnASecondReading() {
        ListedShare share = owned.get(1_000);
        // Deleted between the first and second page: the share moves from offset 1000 to 999, unseen.
        simulator.faults().beforeListRequest(2, t -> t.removeShare(owned.get(0).uid()));

        Optional<Asset> found = lookup.current(share.uid(), TYPE, owner);

        assertThat(found).map(Asset::uid).hasValue(share.uid());
        // The first reading ends at the owner's last page; the second finds the share on its first.
        assertThat(owned).hasSizeBetween(2_002, 3_000);
        assertOnlyListRequests(owner, 0, 1_000, 2_000, 0);
    }

    @Test
    void aListingThatKeepsChangingIsAnErrorRatherThanAnAbsence() {
        ListedShare gone = owned.get(5);
        tenant.removeShare(gone.uid());
        int[] offsets = pageOffsets(owned.size() - 1);
        // Every reading pages through all of the owner's shares; one more of them is deleted during each.
        assertThat(pageOffsets(owned.size() - 1 - ShareLookup.MAX_READINGS)).hasSameSizeAs(offsets);
        for (int reading = 0; reading < ShareLookup.MAX_READINGS; reading++) {
            String removed = owned.get(10 + reading).uid();
            simulator.faults().beforeListRequest(2 + offsets.length * reading, t -> t.removeShare(removed));
        }

        assertThatThrownBy(() -> lookup.current(gone.uid(), TYPE, owner))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(gone.uid())
                .hasMessageContaining("changed");
        assertOnlyListRequests(owner, IntStream.range(0, ShareLookup.MAX_READINGS).flatMap(r -> Arrays.stream(offsets))
                .toArray());
    }

    /** The offsets of the pages that hold this many shares, at least one. */
    private static int[] pageOffsets(int shares) {
        return IntStream.range(0, Math.max(1, (shares + 999) / 1_000)).map(page -> page * 1_000).toArray();
    }

    /** Exactly these list requests, in order, for the owner (or none) and nothing else was sent. */
    private void assertOnlyListRequests(String ownerId, int... offsets) {
        List<RecordedRequest> requests = simulator.requests();
        assertThat(requests).allSatisfy(request -> {
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.path()).isEqualTo(LIST_PATH);
            assertThat(request.status()).isEqualTo(200);
            assertThat(request.query()).containsEntry("asset_type", FILE).containsEntry("limit", "1000")
                    .doesNotContainKeys("start_time", "end_time", "permission", "keyword");
            assertThat(request.query().get("owner_id")).isEqualTo(ownerId);
        });
        assertThat(requests).extracting(r -> Integer.parseInt(r.query().get("offset")))
                .containsExactly(Arrays.stream(offsets).boxed().toArray(Integer[]::new));
    }
}
