package dev.dspm.scanner.owner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.dspm.scanner.manus.AdaptiveRateLimiter;
import dev.dspm.scanner.manus.ApiKeys;
import dev.dspm.scanner.manus.ApiSettings;
import dev.dspm.scanner.manus.ManusClient;
import dev.dspm.scanner.manus.TeamUser;
import dev.dspm.scanner.owner.MemberListing.Members;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TeamMember;
import dev.dspm.scanner.simulator.TenantSpec;

/** The team's members over many pages, and a listing that moves while it is paged, against the simulator. */
class MemberListingTests {

    final ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(11L, 1_500)));

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void everyMemberOverManyPagesOnceEach() {
        Members members = listing().list();

        assertThat(members.members()).extracting(TeamUser::teamUserId)
                .containsExactlyElementsOf(simulator.tenant().members().stream().map(TeamMember::teamUserId).toList());
        assertThat(members.complete()).isTrue();
        assertThat(members.apiTotal()).isEqualTo(simulator.tenant().members().size());
        assertThat(simulator.requests()).hasSize((simulator.tenant().members().size() + 6) / 7);
    }

    @Test
    void aMemberRemovedWhilePagedShiftsTheOffsetsSoTheListingIsReadAgain() {
        String gone = simulator.tenant().members().get(0).teamUserId();
        simulator.faults().beforeListRequest(3, tenant -> tenant.removeMember(gone));

        Members members = listing().list();

        assertThat(members.complete()).as("whole on the second reading").isTrue();
        assertThat(members.members()).extracting(TeamUser::teamUserId).doesNotContain(gone)
                .containsExactlyElementsOf(simulator.tenant().members().stream().map(TeamMember::teamUserId).toList());
    }

    @Test
    void aListingThatNeverHoldsStillIsIncomplete() {
        for (int nth = 2; nth < 200; nth += 4) {
            simulator.faults().beforeListRequest(nth, tenant -> tenant.removeMember(tenant.members().get(0).teamUserId()));
        }

        Members members = listing().list();

        assertThat(members.complete()).isFalse();
        assertThat(simulator.requests()).filteredOn(r -> "0".equals(r.query().get("offset")))
                .as("read once, and again twice, no more").hasSize(1 + MemberListing.REREADS);
    }

    @Test
    void aListingThatFitsOnePageTakesOneRequest() {
        int members = simulator.tenant().members().size();

        assertThat(listing(members).list().members()).hasSize(members);
        assertThat(simulator.requests()).hasSize(1);
    }

    private MemberListing listing() {
        return listing(7);
    }

    private MemberListing listing(int pageSize) {
        ApiSettings api = new Binder(new MapConfigurationPropertySource(Map.of("dspm.api.base-url", simulator.baseUrl().toString(),
                "dspm.api.max-requests-per-second", "2000"))).bindOrCreate(ApiSettings.PREFIX, ApiSettings.class);
        ApiKeys keys = ApiKeys.load(Map.of(ApiKeys.USER_KEY_ENV, ManusSimulator.USER_KEY)::get);
        return new MemberListing(new ManusClient(api, keys, new AdaptiveRateLimiter(api.maxRequestsPerSecond())), pageSize);
    }
}
