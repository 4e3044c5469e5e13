package dev.dspm.scanner.owner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

import dev.dspm.scanner.Console;
import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.Snapshot;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.config.ConfigurationException;
import dev.dspm.scanner.simulator.ListedShare;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TeamMember;
import dev.dspm.scanner.simulator.TenantSpec;

/**
 * The offboarding scan, {@code --dspm.scan.owner-emails}: exactly the shares of the people named, across every type,
 * found by their email or, for a delegated profile, its original_email; an email no member has stops the run before
 * any share is listed.
 */
class OwnerEmailsTests {

    @TempDir
    Path dir;

    ManusSimulator simulator;

    @BeforeEach
    void start() {
        simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(31L, 1_500)));
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void exactlyThatPersonsSharesAcrossEveryTypeWhateverTheCaseOfTheirEmail() throws Exception {
        String db = TestDatabases.h2(dir);
        TeamMember leaver = mostShares(m -> m.email() != null && !m.delegated());
        TeamMember delegated = mostShares(TeamMember::delegated);

        assertThat(run(db, OwnerEnrichmentTests.USER_KEY, "--dspm.scan.owner-emails=" + leaver.email().toUpperCase(Locale.ROOT)
                + "," + delegated.originalEmail())).isZero();

        List<ListedShare> theirs = shares().filter(s -> s.ownerId().equals(leaver.teamUserId())
                || s.ownerId().equals(delegated.teamUserId())).toList();
        assertThat(theirs.stream().map(ListedShare::assetType).distinct()).as("across several types").hasSizeGreaterThan(1);
        assertThat(Snapshot.shares(db, Snapshot.latestRun(db))).extracting(ListedShare::uid)
                .containsExactlyInAnyOrderElementsOf(theirs.stream().map(ListedShare::uid).toList());
    }

    @Test
    void anEmailNoMemberHasStopsTheRunBeforeAnyShareIsListed() throws Exception {
        String db = TestDatabases.h2(dir);

        Console.Captured run = Console.capture(() -> run(db, OwnerEnrichmentTests.USER_KEY,
                "--dspm.scan.owner-emails=" + simulator.tenant().members().get(0).email() + ",nobody@acme.example"));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("dspm.scan.owner-emails: no member of the team has nobody@acme.example");
        // Resolved under the tenant's lock, after the keys' checks (one share asked for with limit=1): then only members.
        assertThat(simulator.requests().subList(2, simulator.requestCount())).as("the members were listed, no share")
                .isNotEmpty().allMatch(r -> r.path().endsWith("team.user.list"));
        assertThat(simulator.requests().get(0).query()).containsEntry("limit", "1");
        assertThat(Snapshot.single(db, "SELECT COUNT(*) FROM scan_run")).as("no run to resume, nothing scanned").isZero();
    }

    @Test
    void aMemberWhoLeavesWhileTheTeamIsPagedIsNotResolvedFromTheReadingThatMoved() {
        TeamMember leaving = simulator.tenant().members().get(0);
        simulator.faults().beforeListRequest(2, tenant -> tenant.removeMember(leaving.teamUserId()));
        OwnerEmails emails = new OwnerEmails(MemberListingTests.listing(simulator, 7));

        assertThatThrownBy(() -> emails.resolve(List.of(leaving.email()))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no member of the team has " + leaving.email());
        assertThat(simulator.requests()).filteredOn(r -> "0".equals(r.query().get("offset")))
                .as("found on the first reading, which moved; gone from the second").hasSize(2);
    }

    @Test
    void aBrokenPolicyStopsAnOffboardingScanBeforeAnyRequestOrDatabase() throws Exception {
        Path policies = dir.resolve("policies");
        FileSystemUtils.copyRecursively(Path.of("policies"), policies);
        Files.writeString(policies.resolve("broken.drl"), "package dspm.policies\n\nrule \"broken\"\nwhen\n    nonsense\nthen\nend\n");

        Console.Captured run = Console.capture(() -> run(TestDatabases.h2(dir), OwnerEnrichmentTests.USER_KEY,
                "--dspm.scan.owner-emails=" + simulator.tenant().members().get(0).email(), "--dspm.policies.dir=" + policies));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("policy error: " + policies.resolve("broken.drl"));
        assertThat(simulator.requestCount()).as("no request").isZero();
        assertThat(dir.resolve("dspm.mv.db")).as("no database opened").doesNotExist();
    }

    @Test
    void withoutTheUserKeyTheEmailsCannotBeResolvedAndNothingIsSent() throws Exception {
        Console.Captured run = Console.capture(() -> run(TestDatabases.h2(dir), "--dspm.scan.owner-emails=ann@acme.example"));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("dspm.scan.owner-emails is resolved to owner ids through team.user.list")
                .contains("set MANUS_USER_MGMT_KEY");
        assertThat(simulator.requests()).isEmpty();
    }

    @Test
    void aRefusedUserKeyIsExit2NamingIt() throws Exception {
        Console.Captured run = Console.capture(() -> run(TestDatabases.h2(dir), "--MANUS_USER_MGMT_KEY=not-the-key",
                "--dspm.scan.owner-emails=ann@acme.example"));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("the API refused the key in MANUS_USER_MGMT_KEY (or MANUS_USER_MGMT_KEY_FILE) "
                + "(unauthenticated").doesNotContain("not-the-key");
        // The keys' checks before the run: one share, then one member, refused.
        assertThat(simulator.requests()).extracting(r -> r.path()).containsExactly("/v2/team.asset.list", "/v2/team.user.list");
    }

    private int run(String db, String... extra) {
        return JobRun.against(simulator, db, extra);
    }

    private Stream<ListedShare> shares() {
        return Stream.of(OwnerEnrichmentTests.TYPES).flatMap(type -> simulator.tenant().listed(type).stream());
    }

    private TeamMember mostShares(java.util.function.Predicate<TeamMember> which) {
        return simulator.tenant().members().stream().filter(which).max(java.util.Comparator.comparingLong(
                m -> shares().filter(s -> m.teamUserId().equals(s.ownerId())).count())).orElseThrow();
    }
}
