package dev.dspm.scanner.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

/** The members a generated tenant has, as team.user.list will serve them. */
class MemberFactoryTests {

    @Test
    void theSameSeedGivesTheSameMembers() {
        SimulatedTenant tenant = SimulatedTenant.generate(TenantSpec.realistic(21, 1_500));

        assertThat(SimulatedTenant.generate(TenantSpec.realistic(21, 1_500)).members()).isEqualTo(tenant.members());
        assertThat(SimulatedTenant.generate(TenantSpec.realistic(22, 1_500)).members()).isNotEqualTo(tenant.members());
    }

    @Test
    void everyOwnerIsAMemberExceptAFewAndSomeMembersOwnNothing() {
        SimulatedTenant tenant = SimulatedTenant.generate(TenantSpec.realistic(23, 5_000));
        Set<String> owners = new HashSet<>(tenant.ownerIds());
        Set<String> memberIds = new HashSet<>();
        tenant.members().forEach(member -> memberIds.add(member.teamUserId()));

        Set<String> unmatched = new HashSet<>(owners);
        unmatched.removeAll(memberIds);
        Set<String> ownNothing = new HashSet<>(memberIds);
        ownNothing.removeAll(owners);
        assertThat(memberIds).hasSize(tenant.members().size());
        assertThat(unmatched).as("owners without a member").hasSize(6); // 3% of 200
        assertThat(ownNothing).as("members who own nothing").hasSize(10) // 5% of 200
                .allSatisfy(id -> assertThat(id).matches("usr_[a-z2-7]{16}"));
        assertThat(tenant.members()).extracting(TeamMember::teamUserId).isSorted();
    }

    @Test
    void aSmallRealisticTenantHasEveryKindOfMemberARuleLooksFor() {
        SimulatedTenant tenant = SimulatedTenant.generate(TenantSpec.realistic(20261125L, 1_500));
        List<TeamMember> members = tenant.members();
        Set<String> publicOwners = new HashSet<>();
        Set<String> owners = new HashSet<>(tenant.ownerIds());
        for (String type : Api.TYPES) {
            tenant.listed(type).stream().filter(s -> s.permission().equals("SHARE_SCOPE_PUBLIC"))
                    .forEach(s -> publicOwners.add(s.ownerId()));
        }

        assertThat(members).filteredOn(status("USER_STATUS_INACTIVE"))
                .anySatisfy(m -> assertThat(publicOwners).contains(m.teamUserId()));
        assertThat(members).filteredOn(role("TEAM_MEMBER_ROLE_GUEST"))
                .anySatisfy(m -> assertThat(publicOwners).contains(m.teamUserId()))
                .allSatisfy(m -> assertThat(m.email()).endsWith("@partner.example"));
        assertThat(members).filteredOn(status("USER_STATUS_REMOVED")).isNotEmpty();
        assertThat(members).filteredOn(TeamMember::delegated).isNotEmpty().allSatisfy(m -> {
            assertThat(owners).contains(m.teamUserId());
            assertThat(m.email()).matches("delegate-[a-z2-7]{10}@manus\\.im");
            assertThat(m.originalEmail()).endsWith("@acme.example");
            assertThat(members).filteredOn(c -> m.delegatedTo().equals(c.email())).singleElement()
                    .satisfies(colleague -> assertThat(colleague.status()).isEqualTo("USER_STATUS_ACTIVE"));
        });
        assertThat(members).filteredOn(m -> !m.delegated())
                .allSatisfy(m -> assertThat(m.originalEmail()).isNull());
        assertThat(owners).as("an unmatched owner").anyMatch(id -> members.stream().noneMatch(m -> m.teamUserId().equals(id)));
        assertThat(members).filteredOn(role("TEAM_MEMBER_ROLE_OWNER")).singleElement()
                .satisfies(m -> assertThat(m.status()).isEqualTo("USER_STATUS_ACTIVE"));
        assertThat(members).filteredOn(m -> m.email() == null).isNotEmpty();
        assertThat(members).extracting(TeamMember::userName).anyMatch(NamePool.HOSTILE::contains)
                .anyMatch(name -> name.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) != Character.UnicodeScript.LATIN
                        && Character.isLetter(c)));
        assertThat(members).extracting(TeamMember::email).filteredOn(e -> e != null).doesNotHaveDuplicates();
    }

    @Test
    void theMixIsMostlyActiveMembers() {
        List<TeamMember> members = SimulatedTenant.generate(TenantSpec.realistic(24, 25_000)).members();
        int n = members.size();

        assertThat(members).filteredOn(status("USER_STATUS_ACTIVE")).hasSizeGreaterThan(n * 9 / 10);
        assertThat(members).filteredOn(status("USER_STATUS_INACTIVE")).hasSizeBetween(n * 3 / 100, n * 6 / 100);
        assertThat(members).filteredOn(status("USER_STATUS_REMOVED")).hasSizeBetween(n * 2 / 100, n * 5 / 100);
        assertThat(members).filteredOn(role("TEAM_MEMBER_ROLE_MEMBER")).hasSizeGreaterThan(n * 8 / 10);
        assertThat(members).filteredOn(role("TEAM_MEMBER_ROLE_GUEST")).hasSizeBetween(n * 6 / 100, n * 10 / 100);
        assertThat(members).filteredOn(role("TEAM_MEMBER_ROLE_ADMIN")).isNotEmpty();
        assertThat(members).filteredOn(role("TEAM_MEMBER_ROLE_SUPER_ADMIN")).isNotEmpty();
    }

    @Test
    void aTenantWithoutSharesHasNoMembers() {
        assertThat(SimulatedTenant.generate(TenantSpec.of(1, Map.of())).members()).isEmpty();
    }

    @Test
    void membersCanLeaveAndChangeStatusWhileTheRestStayAsTheyWere() {
        SimulatedTenant tenant = SimulatedTenant.generate(TenantSpec.realistic(25, 1_500));
        List<TeamMember> before = new ArrayList<>(tenant.members());
        TeamMember first = before.get(0);
        TeamMember second = before.get(1);

        tenant.setMemberStatus(first.teamUserId(), "USER_STATUS_REMOVED");
        tenant.removeMember(second.teamUserId());

        List<TeamMember> expected = new ArrayList<>(before);
        expected.set(0, new TeamMember(first.teamUserId(), first.email(), first.userName(), "USER_STATUS_REMOVED",
                first.role(), first.delegatedTo(), first.originalEmail()));
        expected.remove(1);
        assertThat(tenant.members()).isEqualTo(expected);
        assertThat(before).as("an earlier snapshot is not changed").hasSize(expected.size() + 1);
        assertThatThrownBy(() -> tenant.setMemberStatus(first.teamUserId(), "ACTIVE"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("USER_STATUS_ACTIVE");
        assertThatThrownBy(() -> tenant.removeMember(second.teamUserId()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(second.teamUserId());
    }

    private static Predicate<TeamMember> status(String wire) {
        return m -> m.status().equals(wire);
    }

    private static Predicate<TeamMember> role(String wire) {
        return m -> m.role().equals(wire);
    }
}
