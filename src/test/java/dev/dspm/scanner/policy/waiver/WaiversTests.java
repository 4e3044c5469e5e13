package dev.dspm.scanner.policy.waiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.dspm.scanner.manus.AssetType;
import dev.dspm.scanner.manus.ShareScope;
import dev.dspm.scanner.policy.PolicyLoadException;
import dev.dspm.scanner.policy.PolicyRule;
import dev.dspm.scanner.policy.Share;
import dev.dspm.scanner.policy.Shares;
import dev.dspm.scanner.policy.drools.PolicyLoader;

/** policies/exceptions.yaml read from a real file, as a user writes it, and matched against shares. */
class WaiversTests {

    static final Set<String> POLICIES = Set.of("public-file-share", "public-website-publish", "stale-public-share");
    static final Instant NOW = Shares.NOW;
    static final Share SHARE = Shares.of(AssetType.FILE_SHARE, ShareScope.PUBLIC);

    @TempDir
    Path dir;

    @Test
    void aWaiverIsReadWithEveryFieldAsWritten() throws IOException {
        write("""
                # comment
                waivers:
                  - share_uid: " 2f0c6e1a9b "
                    policy: public-website-publish
                    justification: "  Marketing site, <b>public</b> on purpose "
                    approved_by: jane.doe@example.com
                    expires: 2027-03-31
                """);

        assertThat(Waivers.load(dir, POLICIES).all()).containsExactly(new Waiver(Waiver.MatchBy.SHARE_UID, "2f0c6e1a9b",
                "public-website-publish", "  Marketing site, <b>public</b> on purpose ", "jane.doe@example.com",
                LocalDate.of(2027, 3, 31), file(), 3));
    }

    @Test
    void noFileAnEmptyFileAndAnEmptyListMeanNoWaivers() throws IOException {
        assertThat(Waivers.load(dir, POLICIES).all()).isEmpty();
        for (String text : List.of("", "# only a comment\n", "waivers: []\n", "waivers:\n")) {
            write(text);
            assertThat(Waivers.load(dir, POLICIES).all()).as(text).isEmpty();
            assertThat(Waivers.load(dir, POLICIES).match(SHARE, "public-file-share", NOW)).isEmpty();
        }
    }

    @Test
    void aShareUidMatchesThatShareExactly() throws IOException {
        write("waivers:\n" + entry("share_uid: " + SHARE.uid(), "public-file-share", "2027-01-01"));
        Waivers waivers = Waivers.load(dir, POLICIES);

        assertThat(waivers.match(SHARE, "public-file-share", NOW)).map(WaiverMatch::active).contains(true);
        assertThat(waivers.match(withUid(SHARE, SHARE.uid() + "x"), "public-file-share", NOW)).isEmpty();
        assertThat(waivers.match(withUid(SHARE, SHARE.uid().toUpperCase()), "public-file-share", NOW)).isEmpty();
    }

    @Test
    void anOwnerIdMatchesEveryShareOfThatOwnerExactly() throws IOException {
        write("waivers:\n" + entry("owner_id: owner-1", "public-file-share", "2027-01-01"));
        Waivers waivers = Waivers.load(dir, POLICIES);

        assertThat(waivers.match(SHARE, "public-file-share", NOW)).map(WaiverMatch::active).contains(true);
        assertThat(waivers.match(withUid(SHARE, "another-share"), "public-file-share", NOW)).isPresent();
        assertThat(waivers.match(withOwner(SHARE, "owner-10"), "public-file-share", NOW)).isEmpty();
        assertThat(waivers.match(withOwner(SHARE, "Owner-1"), "public-file-share", NOW)).isEmpty();
        assertThat(waivers.match(withOwner(SHARE, null), "public-file-share", NOW)).isEmpty();
    }

    @Test
    void aNamePrefixMatchesTheStartOfTheNameInAnyCase() throws IOException {
        write("waivers:\n" + entry("name_prefix: \"QUARTERLY Road\"", "public-file-share", "2027-01-01"));
        Waivers waivers = Waivers.load(dir, POLICIES);

        for (String name : List.of("Quarterly roadmap", "quarterly road", "QUARTERLY ROADMAP 2027.pdf")) {
            assertThat(waivers.match(Shares.named(SHARE, name), "public-file-share", NOW)).as(name).isPresent();
        }
        for (String name : List.of("Quarterly roa", "My quarterly roadmap", "Quarterly  roadmap", "")) {
            assertThat(waivers.match(Shares.named(SHARE, name), "public-file-share", NOW)).as(name).isEmpty();
        }
        assertThat(waivers.match(Shares.named(SHARE, null), "public-file-share", NOW)).isEmpty();
    }

    @Test
    void aWaiverCoversItsPolicyOnlyAndTheStarCoversEvery() throws IOException {
        write("waivers:\n" + entry("share_uid: " + SHARE.uid(), "public-file-share", "2027-01-01")
                + entry("owner_id: owner-1", "\"*\"", "2027-01-01"));
        Waivers waivers = Waivers.load(dir, POLICIES);

        assertThat(waivers.match(SHARE, "stale-public-share", NOW)).map(m -> m.waiver().matchBy())
                .contains(Waiver.MatchBy.OWNER_ID);
        assertThat(waivers.match(withOwner(SHARE, "owner-2"), "stale-public-share", NOW)).isEmpty();
        assertThat(waivers.match(withOwner(SHARE, "owner-2"), "public-file-share", NOW)).map(m -> m.waiver().matchBy())
                .contains(Waiver.MatchBy.SHARE_UID);
    }

    @Test
    void aWaiverAppliesThroughItsExpiryDayInUtcAndThenSaysItExpired() throws IOException {
        write("waivers:\n" + entry("share_uid: " + SHARE.uid(), "public-file-share", "2026-11-26"));
        Waivers waivers = Waivers.load(dir, POLICIES);
        Waiver waiver = waivers.all().get(0);

        assertThat(waivers.match(SHARE, "public-file-share", Instant.parse("2026-11-26T23:59:59Z")))
                .contains(new WaiverMatch(waiver, true));
        assertThat(waivers.match(SHARE, "public-file-share", Instant.parse("2026-11-27T00:00:00Z")))
                .contains(new WaiverMatch(waiver, false));
        assertThat(waiver.endsAt()).isEqualTo(Instant.parse("2026-11-27T00:00:00Z"));
    }

    @Test
    void anActiveWaiverWinsThenShareUidOverOwnerOverPrefixThenTheLaterExpiry() throws IOException {
        write("waivers:\n"
                + entry("name_prefix: quarterly", "\"*\"", "2027-06-01")           // line 2
                + entry("owner_id: owner-1", "\"*\"", "2027-01-01")                 // line 7
                + entry("share_uid: " + SHARE.uid(), "\"*\"", "2026-01-01")         // line 12, expired
                + entry("owner_id: owner-1", "public-file-share", "2027-02-01")     // line 17
                + entry("share_uid: " + SHARE.uid(), "stale-public-share", "2026-06-01")); // line 22, expired
        Waivers waivers = Waivers.load(dir, POLICIES);

        // The expired uid waiver loses to active ones; of the two active owner waivers, the later expiry wins.
        assertThat(lineOf(waivers.match(SHARE, "public-file-share", NOW))).isEqualTo(17);
        assertThat(lineOf(waivers.match(SHARE, "public-website-publish", NOW))).isEqualTo(7);
        assertThat(lineOf(waivers.match(withOwner(SHARE, "owner-2"), "public-website-publish", NOW))).isEqualTo(2);
        // Only expired waivers match: the uid one, of the later expiry, is the one the finding names.
        Share unnamed = withOwner(Shares.named(SHARE, "Other"), "owner-2");
        assertThat(waivers.match(unnamed, "stale-public-share", NOW)).map(m -> m.waiver().line() + "/" + m.active())
                .contains("22/false");
        assertThat(waivers.match(unnamed, "public-file-share", NOW)).map(m -> m.waiver().line() + "/" + m.active())
                .contains("12/false");
    }

    /** The same waivers listed in the opposite order: the one that applies never depends on where it is written. */
    @Test
    void theWaiverThatAppliesDoesNotDependOnTheOrderOfTheFile() throws IOException {
        write("waivers:\n"
                + entry("share_uid: " + SHARE.uid(), "stale-public-share", "2026-06-01")
                + entry("owner_id: owner-1", "public-file-share", "2027-02-01")
                + entry("share_uid: " + SHARE.uid(), "\"*\"", "2026-01-01")
                + entry("owner_id: owner-1", "\"*\"", "2027-01-01")
                + entry("name_prefix: quarterly", "\"*\"", "2027-06-01"));
        Waivers waivers = Waivers.load(dir, POLICIES);

        assertThat(describe(waivers.match(SHARE, "public-file-share", NOW))).isEqualTo("OWNER_ID public-file-share true");
        assertThat(describe(waivers.match(SHARE, "public-website-publish", NOW))).isEqualTo("OWNER_ID * true");
        assertThat(describe(waivers.match(withOwner(SHARE, "owner-2"), "public-website-publish", NOW)))
                .isEqualTo("NAME_PREFIX * true");
        Share unnamed = withOwner(Shares.named(SHARE, "Other"), "owner-2");
        assertThat(describe(waivers.match(unnamed, "stale-public-share", NOW))).isEqualTo("SHARE_UID stale-public-share false");
    }

    private static String describe(Optional<WaiverMatch> match) {
        assertThat(match).isPresent();
        return match.get().waiver().matchBy() + " " + match.get().waiver().policy() + " " + match.get().active();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            waivers:\\n  - share_uid: [\\n                                  | 3 | not valid YAML
            - a\\n                                                             | 1 | the file must be a map with one key, waivers
            {}\\n                                                              | 1 | no "waivers" key
            waivers: []\\nwaiver: []\\n                                        | 2 | unknown key "waiver"
            waivers: []\\nwaivers: []\\n                                       | 2 | waivers is given twice
            waivers: 3\\n                                                      | 1 | waivers must be a list
            waivers:\\n  - just text\\n                                        | 2 | each waiver must be a map
            waivers:\\n  - share_uid: u\\n    policy: \\"*\\"\\n    justification: j\\n    expires: 2027-01-01\\n | 2 | this waiver has no approved_by
            waivers:\\n  - share_uid: u\\n    policy: \\"*\\"\\n    justification: \\"\\"\\n    approved_by: a\\n    expires: 2027-01-01\\n | 4 | justification is empty
            waivers:\\n  - share_uid: u\\n    policy: \\"*\\"\\n    justification:\\n    approved_by: a\\n    expires: 2027-01-01\\n | 4 | justification is empty
            waivers:\\n  - share_uid: u\\n    policy: \\"*\\"\\n    justification: \\"  \\"\\n    approved_by: a\\n    expires: 2027-01-01\\n | 4 | justification is empty
            waivers:\\n  - policy: \\"*\\"\\n    justification: j\\n    approved_by: a\\n    expires: 2027-01-01\\n | 2 | this waiver matches no share
            waivers:\\n  - share_uid: u\\n    owner_id: o\\n    policy: \\"*\\"\\n    justification: j\\n    approved_by: a\\n    expires: 2027-01-01\\n | 2 | this waiver gives [share_uid, owner_id]
            waivers:\\n  - share_uid: u\\n    policy: \\"*\\"\\n    justification: j\\n    approved_by: a\\n    expires: 2027-01-01\\n    colour: red\\n | 7 | unknown field "colour"
            waivers:\\n  - share_uid: u\\n    policy: \\"*\\"\\n    policy: public-file-share\\n    justification: j\\n    approved_by: a\\n    expires: 2027-01-01\\n | 4 | policy is given twice
            waivers:\\n  - share_uid: u\\n    policy: [public-file-share]\\n    justification: j\\n    approved_by: a\\n    expires: 2027-01-01\\n | 3 | policy must be a single value
            waivers:\\n  - share_uid: u\\n    policy: public-files-share\\n    justification: j\\n    approved_by: a\\n    expires: 2027-01-01\\n | 3 | policy "public-files-share" is not a policy of the pack; use the @id of a rule (public-file-share, public-website-publish, stale-public-share) or "*"
            waivers:\\n  - share_uid: u\\n    policy: \\"*\\"\\n    justification: j\\n    approved_by: a\\n    expires: 2027-3-31\\n | 6 | expires "2027-3-31" is not a date; write the last day the waiver applies as YYYY-MM-DD
            waivers:\\n  - share_uid: u\\n    policy: \\"*\\"\\n    justification: j\\n    approved_by: a\\n    expires: 2027-02-30\\n | 6 | expires "2027-02-30" is not a date
            waivers:\\n  - share_uid: u\\n    policy: \\"*\\"\\n    justification: j\\n    approved_by: a\\n    expires: next month\\n | 6 | expires "next month" is not a date
            waivers:\\n  - share_uid: u\\n    policy: \\"*\\"\\n    justification: j\\n    approved_by: a\\n    expires: +999999999-12-31\\n | 6 | expires "+999999999-12-31" is not a date
            waivers:\\n  - share_uid: u\\n    policy: \\"*\\"\\n    justification: j\\n    approved_by: a\\n    expires: 2027-01-01\\n  - share_uid: u\\n    policy: \\"*\\"\\n    justification: k\\n    approved_by: b\\n    expires: 2028-01-01\\n | 7 | the same waiver as line 2
            waivers:\\n  - name_prefix: Press\\n    policy: \\"*\\"\\n    justification: j\\n    approved_by: a\\n    expires: 2027-01-01\\n  - name_prefix: PRESS\\n    policy: \\"*\\"\\n    justification: k\\n    approved_by: b\\n    expires: 2028-01-01\\n | 7 | the same waiver as line 2 (name_prefix and policy alike, ignoring case)
            """)
    void eachMalformedFileGivesOneLineNamingFileAndLine(String yaml, int line, String what) throws IOException {
        write(yaml.replace("\\n", "\n").replace("\\\"", "\""));

        assertThat(problems()).singleElement().asString().startsWith(file() + ":" + line + ": ").contains(what);
    }

    @Test
    void aFieldLongerThan2000CharactersIsRefusedAnd2000AreKept() throws IOException {
        write("waivers:\n" + entry("share_uid: u", "\"*\"", "2027-01-01").replace("justification: j",
                "justification: " + "j".repeat(2000)));
        assertThat(Waivers.load(dir, POLICIES).all().get(0).justification()).hasSize(2000);

        write("waivers:\n" + entry("share_uid: u", "\"*\"", "2027-01-01").replace("justification: j",
                "justification: " + "j".repeat(2001)));
        assertThat(problems()).containsExactly(file() + ":4: justification is 2001 characters long; at most 2000 are allowed");
    }

    @Test
    void anUnquotedStarIsExplained() throws IOException {
        write("waivers:\n" + entry("share_uid: u", "*", "2027-01-01"));

        assertThat(problems()).singleElement().asString().startsWith(file() + ":3: not valid YAML")
                .endsWith("(for every policy write the star in quotes: policy: \"*\")");
    }

    @Test
    void aTypoInExpiresIsNeverAnEternalWaiver() throws IOException {
        write("waivers:\n" + entry("share_uid: u", "\"*\"", "2027-01-01").replace("expires:", "expiry:"));

        assertThat(problems()).containsExactly(
                file() + ":6: unknown field \"expiry\"; a waiver has only the fields share_uid, owner_id, name_prefix, policy,"
                        + " justification, approved_by, expires",
                file() + ":2: this waiver has no expires; every waiver needs one of share_uid, owner_id or name_prefix,"
                        + " policy, justification, approved_by and expires");
    }

    @Test
    void everyProblemOfTheFileIsReportedAtOnce() throws IOException {
        write("waivers:\n"
                + entry("share_uid: a", "nope", "2027-01-01")                                    // line 2
                + entry("owner_id: o", "\"*\"", "someday")                                        // line 7
                + entry("share_uid: fine", "\"*\"", "2027-01-01")                                 // line 12
                + entry("name_prefix: x", "\"*\"", "2027-01-01").replace("    approved_by: a\n", "")); // line 17

        assertThat(problems()).extracting(line -> line.substring(0, line.indexOf(": ")))
                .containsExactly(file() + ":3", file() + ":11", file() + ":17");
    }

    @Test
    void aNewWaiverAlreadyExpiredIsRefusedAKnownOneIsNot() throws IOException {
        write("waivers:\n"
                + entry("share_uid: old", "\"*\"", "2026-11-25")      // line 2, expired yesterday
                + entry("share_uid: today", "\"*\"", "2026-11-26")    // line 7, still active today
                + entry("share_uid: later", "\"*\"", "2027-01-01"));  // line 12
        Waivers waivers = Waivers.load(dir, POLICIES);

        assertThat(waivers.expiredOnArrival(NOW, Set.of())).containsExactly(file() + ":2: this new waiver expired on"
                + " 2026-11-25 (it applies through that day, UTC) before any run used it; set expires to a day from today on,"
                + " or remove the entry");
        assertThat(waivers.expiredOnArrival(NOW, Set.of("share_uid:old/*"))).isEmpty();
        assertThat(waivers.match(withUid(SHARE, "old"), "public-file-share", NOW)).map(WaiverMatch::active).contains(false);
    }

    @Test
    void theKeyIsTheMatchAndPolicyPrintableAndBoundedAndSurvivesARenewal() throws IOException {
        write("waivers:\n" + entry("share_uid: 2f0c6e1a9b", "public-website-publish", "2027-01-01")
                + entry("name_prefix: \"Marketing \"", "\"*\"", "2027-01-01")
                + entry("owner_id: \"" + "机密".repeat(900) + "\"", "stale-public-share", "2027-01-01"));
        List<String> before = keys();
        write("waivers:\n" + entry("share_uid: 2f0c6e1a9b", "public-website-publish", "2029-12-31").replace("j\n", "renewed\n")
                + entry("name_prefix: \"MARKETING \"", "\"*\"", "2028-01-01").replace("a\n", "someone.else@example.com\n")
                + entry("owner_id: \"" + "机密".repeat(900) + "\"", "stale-public-share", "2030-01-01"));

        assertThat(keys()).isEqualTo(before);
        assertThat(before.get(0)).isEqualTo("share_uid:2f0c6e1a9b/public-website-publish");
        assertThat(before.get(1)).matches("name_prefix:#[0-9a-f]{16}/\\*");
        assertThat(before.get(2)).matches("owner_id:#[0-9a-f]{16}/stale-public-share");
        write("waivers:\n" + entry("share_uid: 2f0c6e1a9b", "public-file-share", "2027-01-01"));
        assertThat(keys()).doesNotContainAnyElementsOf(before);
        assertThat(before).allSatisfy(key -> assertThat(key).matches("[\\x21-\\x7E]{1," + Waiver.MAX_KEY_LENGTH + "}"));
    }

    @Test
    void theShippedFileHasNoWaiverAndItsExampleIsValid() throws IOException {
        Path shipped = Path.of("policies");
        Set<String> ids = PolicyLoader.load(shipped).rules().stream().map(PolicyRule::id).collect(Collectors.toSet());
        assertThat(Waivers.load(shipped, ids).all()).isEmpty();

        List<String> lines = Files.readAllLines(shipped.resolve(Waivers.FILE));
        String example = lines.subList(lines.indexOf("# waivers:"), lines.indexOf("waivers: []")).stream()
                .filter(line -> line.startsWith("#")).map(line -> line.replaceFirst("^# ?", ""))
                .collect(Collectors.joining("\n"));
        write(example);
        assertThat(Waivers.load(dir, ids).all()).extracting(Waiver::matchBy, Waiver::value, Waiver::policy, Waiver::expires)
                .containsExactly(tuple(Waiver.MatchBy.SHARE_UID, "2f0c6e1a9b", "public-website-publish", LocalDate.of(2027, 3, 31)),
                        tuple(Waiver.MatchBy.NAME_PREFIX, "Press kit", "*", LocalDate.of(2026, 12, 31)));
    }

    private List<String> keys() {
        return Waivers.load(dir, POLICIES).all().stream().map(Waiver::key).toList();
    }

    private static String entry(String match, String policy, String expires) {
        return "  - " + match + "\n    policy: " + policy + "\n    justification: j\n    approved_by: a\n    expires: " + expires
                + "\n";
    }

    private static int lineOf(Optional<WaiverMatch> match) {
        assertThat(match).isPresent();
        return match.get().waiver().line();
    }

    private List<String> problems() {
        PolicyLoadException thrown = catchThrowableOfType(PolicyLoadException.class, () -> Waivers.load(dir, POLICIES));
        assertThat(thrown).as("the file is refused").isNotNull();
        return thrown.problems();
    }

    private void write(String text) throws IOException {
        Files.writeString(file(), text);
    }

    private Path file() {
        return dir.resolve(Waivers.FILE);
    }

    private static Share withUid(Share share, String uid) {
        return new Share(uid, share.assetType(), share.assetTypeRaw(), share.assetName(), share.assetId(), share.sharedAt(),
                share.lastOperatedAt(), share.ownerId(), share.sessionId(), share.assetExists(), share.permission(),
                share.permissionRaw(), share.maxPermission(), share.maxPermissionRaw(), null);
    }

    private static Share withOwner(Share share, String ownerId) {
        return new Share(share.uid(), share.assetType(), share.assetTypeRaw(), share.assetName(), share.assetId(),
                share.sharedAt(), share.lastOperatedAt(), ownerId, share.sessionId(), share.assetExists(), share.permission(),
                share.permissionRaw(), share.maxPermission(), share.maxPermissionRaw(), null);
    }
}
