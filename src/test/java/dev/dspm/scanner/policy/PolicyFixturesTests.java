package dev.dspm.scanner.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.manus.AssetType;
import dev.dspm.scanner.manus.ShareScope;
import dev.dspm.scanner.manus.TeamUser;
import dev.dspm.scanner.manus.TeamRole;
import dev.dspm.scanner.manus.UserStatus;

/** A test's share is read as the scan reads one off the wire: unknown values kept raw, missing fields null. */
class PolicyFixturesTests {

    @TempDir
    Path dir;

    @Test
    void aShareIsReadAsTheWireCarriesIt() throws IOException {
        writeAnythingRule();
        Path file = Files.writeString(dir.resolve("tests/shares.yaml"), """
                tests:
                  - name: everything given
                    share:
                      uid: share-1
                      asset_type: ASSET_TYPE_SLIDE_DECK
                      asset_name: "null"
                      asset_id: a-1
                      shared_at: 2026-01-01T00:00:00+02:00
                      last_operated_at: 2026-02-01T00:00:00.5Z
                      owner_id: u-1
                      session_id: s-1
                      asset_exists: FALSE
                      permission: SHARE_SCOPE_DOMAIN
                      max_permission: team_only
                    expect_not: [anything]
                  - name: nothing given
                    share: {asset_type: file_share, asset_name: ~}
                    expect: []
                """);

        List<PolicyFixture> fixtures = PolicyFixtures.load(PolicyLoader.load(dir));

        assertThat(fixtures).extracting(PolicyFixture::share).containsExactly(
                new Share("share-1", null, "ASSET_TYPE_SLIDE_DECK", "null", "a-1", Instant.parse("2025-12-31T22:00:00Z"),
                        Instant.parse("2026-02-01T00:00:00.5Z"), "u-1", "s-1", false, ShareScope.UNKNOWN, "SHARE_SCOPE_DOMAIN",
                        ShareScope.TEAM_ONLY, "team_only", null),
                new Share("test-16", AssetType.FILE_SHARE, "ASSET_TYPE_FILE_SHARE", null, null, null, null, null, null, null,
                        null, null, null, null, null));
        assertThat(fixtures).extracting(PolicyFixture::where).containsExactly(file + ":2", file + ":16");
        assertThat(fixtures).extracting(PolicyFixture::now).containsOnly(PolicyFixtures.DEFAULT_NOW);
        assertThat(fixtures).extracting(PolicyFixture::nothingFires).containsExactly(false, true);
    }

    @Test
    void anOwnerIsReadAsTeamUserListCarriesOneAndIsTheSharesOwnerUnlessItSaysOtherwise() throws IOException {
        writeAnythingRule();
        Files.writeString(dir.resolve("tests/owners.yaml"), """
                tests:
                  - name: every field
                    share: {owner_id: u-1}
                    owner: {email: delegate-1@manus.im, user_name: "<b>Zoë</b>", status: USER_STATUS_REMOVED,
                            role: TEAM_MEMBER_ROLE_GUEST, delegated_to: cy@acme.example, original_email: dee@acme.example}
                    expect: []
                  - name: an id of its own, values this build does not know
                    share: {owner_id: u-1}
                    owner: {team_user_id: u-9, status: USER_STATUS_SUSPENDED, role: TEAM_MEMBER_ROLE_AUDITOR}
                    expect: []
                """);

        List<PolicyFixture> fixtures = PolicyFixtures.load(PolicyLoader.load(dir));

        assertThat(fixtures).extracting(fixture -> fixture.share().owner()).containsExactly(
                new TeamUser("u-1", "delegate-1@manus.im", "<b>Zoë</b>", UserStatus.REMOVED, "USER_STATUS_REMOVED", TeamRole.GUEST,
                        "TEAM_MEMBER_ROLE_GUEST", "cy@acme.example", "dee@acme.example"),
                new TeamUser("u-9", null, null, UserStatus.UNKNOWN, "USER_STATUS_SUSPENDED", TeamRole.UNKNOWN,
                        "TEAM_MEMBER_ROLE_AUDITOR", null, null));
        assertThat(fixtures.get(0).share().owner().delegated()).isTrue();
        assertThat(fixtures.get(0).share().owner().departed()).isTrue();
    }

    @Test
    void anOwnerWithAMisspeltFieldOrNoIdIsAProblemAtItsLine() throws IOException {
        writeAnythingRule();
        Path file = Files.writeString(dir.resolve("tests/owners.yaml"), """
                tests:
                  - name: a typo
                    share: {owner_id: u-1}
                    owner: {staus: USER_STATUS_INACTIVE}
                    expect: []
                  - name: whose owner
                    share: {asset_name: x}
                    owner: {status: USER_STATUS_INACTIVE}
                    expect: []
                """);

        assertThatThrownBy(() -> PolicyFixtures.load(PolicyLoader.load(dir))).isInstanceOf(PolicyLoadException.class)
                .extracting(e -> ((PolicyLoadException) e).problems()).asInstanceOf(InstanceOfAssertFactories.LIST)
                .containsExactly(file + ":4: \"staus\" is not a field of owner; the fields are team_user_id, email, user_name, "
                        + "status, role, delegated_to, original_email",
                        file + ":8: owner: needs a team_user_id, or the share an owner_id, to be the share's owner");
    }

    private void writeAnythingRule() throws IOException {
        Files.writeString(dir.resolve("rules.drl"), """
                package mine
                rule "Anything"
                    @id("anything") @title("A") @severity(LOW) @recommendedScope(none) @autoRemediate(false) @rationale("r")
                when
                then
                end
                """);
        Files.createDirectories(dir.resolve("tests"));
    }
}
