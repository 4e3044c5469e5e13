package dev.dspm.scanner.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.manus.AssetType;
import dev.dspm.scanner.manus.ShareScope;

/** A test's share is read as the scan reads one off the wire: unknown values kept raw, missing fields null. */
class PolicyFixturesTests {

    @TempDir
    Path dir;

    @Test
    void aShareIsReadAsTheWireCarriesIt() throws IOException {
        Files.writeString(dir.resolve("rules.drl"), """
                package mine
                rule "Anything"
                    @id("anything") @title("A") @severity(LOW) @recommendedScope(none) @autoRemediate(false) @rationale("r")
                when
                then
                end
                """);
        Files.createDirectories(dir.resolve("tests"));
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
                        ShareScope.TEAM_ONLY, "team_only"),
                new Share("test-16", AssetType.FILE_SHARE, "ASSET_TYPE_FILE_SHARE", null, null, null, null, null, null, null,
                        null, null, null, null));
        assertThat(fixtures).extracting(PolicyFixture::where).containsExactly(file + ":2", file + ":16");
        assertThat(fixtures).extracting(PolicyFixture::now).containsOnly(PolicyFixtures.DEFAULT_NOW);
        assertThat(fixtures).extracting(PolicyFixture::nothingFires).containsExactly(false, true);
    }
}
