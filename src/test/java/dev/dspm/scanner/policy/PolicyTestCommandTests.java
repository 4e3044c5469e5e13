package dev.dspm.scanner.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.Console;
import dev.dspm.scanner.DspmScannerApplication;

/** {@code --test-policies} as a security engineer runs it: over the shipped pack, and over a copy they edit. */
class PolicyTestCommandTests {

    static final Path SHIPPED = Path.of("policies");

    @TempDir
    Path dir;

    Path copy;

    @BeforeEach
    void copyTheShippedPack() throws IOException {
        copy = dir.resolve("policies");
        try (Stream<Path> files = Files.walk(SHIPPED)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(SHIPPED.relativize(file).toString()));
            }
        }
    }

    /** This is how {@code ./mvnw verify} runs the shipped fixtures: through the entry point, without Spring. */
    @Test
    void theShippedPackPassesEveryTestAndEveryRuleIsTestedBothWays() throws Exception {
        Console.Captured run = Console.capture(() -> DspmScannerApplication.run(
                new String[] { "--test-policies", "--dspm.policies.dir=" + SHIPPED }, Map.of()));

        PolicyPack pack = PolicyLoader.load(SHIPPED);
        List<PolicyFixture> fixtures = PolicyFixtures.load(pack);
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out().lines().filter(line -> line.startsWith("PASS " + SHIPPED.resolve("tests")))).hasSize(fixtures.size());
        assertThat(run.out()).doesNotContain("FAIL", "WARN")
                .contains(fixtures.size() + " tests, " + fixtures.size() + " passed, 0 failed; 14 rules, 0 warnings");
        assertThat(pack.rules()).hasSize(14).allSatisfy(rule -> {
            assertThat(fixtures).as("a test that expects %s to fire", rule.id()).anyMatch(f -> f.expect().contains(rule.id()));
            assertThat(fixtures).as("a test that expects %s not to fire", rule.id()).anyMatch(f -> f.expectNot().contains(rule.id()));
        });
    }

    @Test
    void aFailingTestIsExit1AndItsLineNamesFileLineAndPolicy() throws Exception {
        Path file = write("tests/mine.yaml", """
                now: 2027-01-01T00:00:00Z
                tests:
                  - name: judged at the file's now, a share changed on 15 September is stale
                    share: {asset_type: ASSET_TYPE_FILE_SHARE, permission: SHARE_SCOPE_PUBLIC, last_operated_at: 2026-09-15T00:00:00Z}
                    expect: [public-file-share, stale-public-share]
                  - name: a team-only share is public, says this wrong test
                    share: {asset_type: ASSET_TYPE_FILE_SHARE, permission: SHARE_SCOPE_TEAM_ONLY, asset_name: Payroll}
                    expect: [public-file-share]
                    expect_not: [sensitive-name-exposed]
                  - name: nothing fires on a public share, says this wrong test
                    share: {asset_type: ASSET_TYPE_FILE_SHARE, permission: SHARE_SCOPE_PUBLIC}
                    expect: []
                """);

        Console.Captured run = testPolicies(copy);

        assertThat(run.exit()).as(run.all()).isEqualTo(1);
        assertThat(run.out().lines().toList())
                .contains("PASS " + file + ":3 judged at the file's now, a share changed on 15 September is stale",
                        "FAIL " + file + ":6 a team-only share is public, says this wrong test: expected public-file-share to fire; "
                                + "expected sensitive-name-exposed not to fire; fired [sensitive-name-exposed]",
                        "FAIL " + file + ":10 nothing fires on a public share, says this wrong test: expected nothing to fire; "
                                + "fired [public-file-share]")
                .anySatisfy(line -> assertThat(line).startsWith("PASS " + copy.resolve("tests/public-shares.yaml")))
                .last().asString().contains(", 2 failed;");
    }

    @Test
    void aMalformedTestFileIsExit2WithEveryProblemAtItsLineAndNoTestRun() throws Exception {
        Path file = write("tests/mine.yaml", """
                tests:
                  - name: a typo in a field
                    share:
                      asset_type: ASSET_TYPE_FILE_SHARE
                      permision: SHARE_SCOPE_PUBLIC
                      last_operated_at: yesterday
                      asset_exists: yes
                    expect: [public-file-share]
                  - name: neither expect nor expect_not
                    share: {}
                  - name: a key of its own
                    share: {}
                    expect: public-file-share
                    because: reasons
                """);
        Path broken = write("tests/broken.yaml", "tests:\n  - name: [unclosed\n");

        Console.Captured run = testPolicies(copy);

        assertThat(run.exit()).as(run.all()).isEqualTo(2);
        assertThat(run.out()).doesNotContain("PASS", "FAIL");
        assertThat(run.err().lines().toList()).containsExactlyInAnyOrder(
                broken + ":3: not valid YAML: expected ',' or ']', but got <stream end>",
                file + ":5: \"permision\" is not a field of share; the fields are " + String.join(", ", FixtureShare.FIELDS),
                file + ":6: last_operated_at: \"yesterday\" is not an RFC 3339 time such as 2026-11-01T00:00:00Z",
                file + ":7: share: asset_exists must be true, false or null, not \"yes\"",
                file + ":9: a test needs expect (policies that must fire; [] for none) or expect_not (policies that must not)",
                file + ":13: expect: must be a list of policy ids, such as [public-file-share]",
                file + ":14: \"because\" is not a field of a test; the fields are name, share, owner, expect, expect_not");
    }

    /** A renamed rule must not leave tests that pass without it. */
    @Test
    void aTestNamingAPolicyThePackDoesNotHaveIsExit2() throws Exception {
        Files.writeString(copy.resolve("public-shares.drl"), Files.readString(copy.resolve("public-shares.drl"))
                .replace("@id(\"public-file-share\")", "@id(\"public-file-link\")"));

        Console.Captured run = testPolicies(copy);

        assertThat(run.exit()).as(run.all()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().toList()).isNotEmpty().allSatisfy(line -> assertThat(line)
                .matches(java.util.regex.Pattern.quote(copy.resolve("tests").toString()) + "/[a-z-]+\\.yaml:\\d+: "
                        + "(expect|expect_not): \"public-file-share\" is not the @id of a rule in .*")
                .contains("public-file-link"));
    }

    /** A rule the user writes in a .drl file of their own, tested by a fixture of their own, with no rebuild. */
    @Test
    void aUserWrittenRuleInACopiedPackIsTestedAndWarnedAboutUntilItIs() throws Exception {
        write("contractors.drl", """
                package mine

                import dev.dspm.scanner.manus.ShareScope
                import dev.dspm.scanner.policy.Share

                global dev.dspm.scanner.policy.Findings findings

                rule "Contractor shares with the team"
                    @id("contractor-team-share") @title("Contractor's share open to the team") @severity(MEDIUM)
                    @recommendedScope(OWNER) @autoRemediate(false) @rationale("Contractors keep their work to themselves.")
                when
                    $share : Share(ownerId != null, ownerId.startsWith("ext-"), permission == ShareScope.TEAM_ONLY)
                then
                    findings.report(kcontext, $share);
                end
                """);

        Console.Captured untested = testPolicies(copy);

        assertThat(untested.exit()).as(untested.all()).isZero();
        assertThat(untested.out().lines().filter(line -> line.startsWith("WARN")).toList()).containsExactly(
                "WARN " + copy.resolve("contractors.drl") + ":8 contractor-team-share: no test expects it to fire",
                "WARN " + copy.resolve("contractors.drl") + ":8 contractor-team-share: no test expects it not to fire");

        Path file = write("tests/contractors.yaml", """
                tests:
                  - name: a contractor's team share is flagged
                    share: {asset_type: ASSET_TYPE_SESSION_SHARE, owner_id: ext-42, permission: SHARE_SCOPE_TEAM_ONLY}
                    expect: [contractor-team-share]
                  - name: an employee's team share is not
                    share: {asset_type: ASSET_TYPE_SESSION_SHARE, owner_id: u-42, permission: SHARE_SCOPE_TEAM_ONLY}
                    expect_not: [contractor-team-share]
                """);

        Console.Captured tested = testPolicies(copy);

        assertThat(tested.exit()).as(tested.all()).isZero();
        assertThat(tested.out()).doesNotContain("WARN", "FAIL")
                .contains("PASS " + file + ":2 a contractor's team share is flagged", "PASS " + file + ":5 an employee's team share is not")
                .contains("15 rules, 0 warnings");
    }

    @Test
    void theFolderComesFromTheArgumentThenTheEnvironmentAndItsPolicyProblemsAreExit2() throws Exception {
        write("broken.drl", "package mine\n\nrule \"no metadata\"\nwhen\nthen\nend\n");

        Console.Captured fromEnvironment = Console.capture(() -> PolicyTestCommand.run(new String[] { "--test-policies" },
                Map.of("DSPM_POLICIES_DIR", copy.toString())));
        Console.Captured argumentWins = Console.capture(() -> PolicyTestCommand.run(
                new String[] { "--test-policies", "--dspm.policies.dir=" + SHIPPED }, Map.of("DSPM_POLICIES_DIR", copy.toString())));

        assertThat(fromEnvironment.exit()).isEqualTo(2);
        assertThat(fromEnvironment.err()).startsWith(copy.resolve("broken.drl") + ":3: rule \"no metadata\": missing @");
        assertThat(argumentWins.exit()).as(argumentWins.all()).isZero();
    }

    @Test
    void aPackWithoutTestsOrAnArgumentTheCommandIgnoresIsExit2() throws Exception {
        Path tests = copy.resolve("tests");
        try (Stream<Path> files = Files.list(tests)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }

        Console.Captured noTests = testPolicies(copy);
        Console.Captured typo = Console.capture(() -> PolicyTestCommand.run(
                new String[] { "--test-policies", "--dspm.policy.dir=" + SHIPPED }, Map.of()));

        assertThat(noTests.exit()).isEqualTo(2);
        assertThat(noTests.err().strip()).isEqualTo(tests + ": no policy tests (*.yaml) here; write them as policies/README.md shows");
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).contains("--dspm.policy.dir=" + SHIPPED).contains("--dspm.policies.dir=DIR");
        assertThat(typo.out()).isEmpty();
    }

    @Test
    void theHelpNamesTheCommand() throws Exception {
        Console.Captured help = Console.capture(() -> DspmScannerApplication.run(new String[] { "--help" }, Map.of()));

        assertThat(help.out()).contains("--test-policies [--dspm.policies.dir=DIR]");
    }

    private Console.Captured testPolicies(Path policies) throws Exception {
        return Console.capture(() -> PolicyTestCommand.run(new String[] { "--test-policies", "--dspm.policies.dir=" + policies },
                Map.of()));
    }

    private Path write(String name, String text) throws IOException {
        Path file = copy.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }
}
