package dev.dspm.scanner.owner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
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
import dev.dspm.scanner.manus.UserStatus;
import dev.dspm.scanner.owner.MemberListing.Listed;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TeamMember;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * The team's members over many pages, handed over a page at a time, and a listing that moves while it is paged,
 * against the simulator. What the sink is handed is recorded as it comes.
 */
class MemberListingTests {

    final ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(11L, 1_500)));
    final Recorded sink = new Recorded();

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void everyMemberOverManyPagesOnceEachAPageAtATime() {
        Listed listed = listing().list(sink);

        assertThat(sink.last().added).extracting(TeamUser::teamUserId)
                .containsExactlyElementsOf(ids(simulator.tenant().members()));
        assertThat(sink.last().pages).as("handed over as the pages came").isEqualTo(simulator.requests().size());
        assertThat(sink.last().replaced).isEmpty();
        assertThat(sink.readings).hasSize(1);
        assertThat(listed).isEqualTo(new Listed(simulator.tenant().members().size(), simulator.tenant().members().size(), true));
        assertThat(simulator.requests()).hasSize((simulator.tenant().members().size() + 6) / 7);
    }

    @Test
    void aMemberRemovedWhilePagedShiftsTheOffsetsSoTheListingIsReadAgainFromNothing() {
        String gone = simulator.tenant().members().get(0).teamUserId();
        simulator.faults().beforeListRequest(3, tenant -> tenant.removeMember(gone));

        Listed listed = listing().list(sink);

        assertThat(listed.complete()).as("whole on the second reading").isTrue();
        assertThat(sink.readings).as("the first reading forgotten").hasSize(2);
        assertThat(sink.last().added).extracting(TeamUser::teamUserId).doesNotContain(gone)
                .containsExactlyElementsOf(ids(simulator.tenant().members()));
    }

    @Test
    void aMemberHandedOverAgainIsAReplacementAsTheLaterPageHasIt() {
        // before the third page (offset 14): a member sorting first joins, so the 14th member comes again, now inactive
        TeamMember repeated = simulator.tenant().members().get(13);
        simulator.faults().beforeListRequest(3, tenant -> {
            tenant.addMember(new TeamMember("0-joined", "joined@acme.example", "Joined", "USER_STATUS_ACTIVE",
                    "TEAM_MEMBER_ROLE_MEMBER", null, null));
            tenant.setMemberStatus(repeated.teamUserId(), "USER_STATUS_INACTIVE");
        });

        Listed listed = listing().list(sink);

        Reading first = sink.readings.get(0);
        assertThat(first.replaced).extracting(TeamUser::teamUserId, TeamUser::status)
                .containsExactly(tuple(repeated.teamUserId(), UserStatus.INACTIVE));
        assertThat(first.added).extracting(TeamUser::teamUserId).doesNotHaveDuplicates();
        assertThat(listed.complete()).as("the total moved: read again, whole").isTrue();
        assertThat(sink.last().added).extracting(TeamUser::teamUserId).containsExactlyElementsOf(ids(simulator.tenant().members()));
    }

    @Test
    void aListingThatNeverHoldsStillIsIncomplete() {
        for (int nth = 2; nth < 200; nth += 4) {
            simulator.faults().beforeListRequest(nth, tenant -> tenant.removeMember(tenant.members().get(0).teamUserId()));
        }

        Listed listed = listing().list(sink);

        assertThat(listed.complete()).isFalse();
        assertThat(simulator.requests()).filteredOn(r -> "0".equals(r.query().get("offset")))
                .as("read once, and again twice, no more").hasSize(1 + MemberListing.REREADS);
        assertThat(sink.readings).hasSize(1 + MemberListing.REREADS);
    }

    @Test
    void aListingThatFitsOnePageTakesOneRequest() {
        int members = simulator.tenant().members().size();

        assertThat(listing(members).list(sink).members()).isEqualTo(members);
        assertThat(sink.last().added).hasSize(members);
        assertThat(simulator.requests()).hasSize(1);
    }

    private static List<String> ids(List<TeamMember> members) {
        return members.stream().map(TeamMember::teamUserId).toList();
    }

    private MemberListing listing() {
        return listing(simulator, 7);
    }

    private MemberListing listing(int pageSize) {
        return listing(simulator, pageSize);
    }

    static MemberListing listing(ManusSimulator simulator, int pageSize) {
        ApiSettings api = new Binder(new MapConfigurationPropertySource(Map.of("dspm.api.base-url", simulator.baseUrl().toString(),
                "dspm.api.max-requests-per-second", "2000"))).bindOrCreate(ApiSettings.PREFIX, ApiSettings.class);
        ApiKeys keys = ApiKeys.load(Map.of(ApiKeys.USER_KEY_ENV, ManusSimulator.USER_KEY)::get);
        return new MemberListing(new ManusClient(api, keys, new AdaptiveRateLimiter(api.maxRequestsPerSecond())), pageSize);
    }

    /** What one reading handed over. */
    static class Reading {
        final List<TeamUser> added = new ArrayList<>();
        final List<TeamUser> replaced = new ArrayList<>();
        int pages;
    }

    /** Every reading, in order: each restart begins a new one. */
    static class Recorded implements MemberListing.Sink {

        final List<Reading> readings = new ArrayList<>();

        Reading last() {
            return readings.get(readings.size() - 1);
        }

        @Override
        public void restart() {
            readings.add(new Reading());
        }

        @Override
        public void add(List<TeamUser> members) {
            last().pages++;
            last().added.addAll(members);
        }

        @Override
        public void replace(List<TeamUser> members) {
            last().replaced.addAll(members);
        }
    }
}
