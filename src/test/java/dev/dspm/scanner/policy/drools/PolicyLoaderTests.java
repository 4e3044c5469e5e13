package dev.dspm.scanner.policy.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.manus.ShareScope;
import dev.dspm.scanner.policy.PolicyLoadException;
import dev.dspm.scanner.policy.PolicyRule;
import dev.dspm.scanner.policy.PolicySettings;
import dev.dspm.scanner.policy.RunContext;
import dev.dspm.scanner.policy.Severity;
import dev.dspm.scanner.policy.Share;
import dev.dspm.scanner.policy.Shares;

/** Policies compiled from a real folder of .drl files, as a user edits them. */
class PolicyLoaderTests {

    @TempDir
    Path dir;

    @Test
    void aFolderMountedFromAKubernetesConfigMapLoadsEachPolicyOnce() throws IOException {
        // What the kubelet writes: the files in a ..<timestamp> folder, ..data a link to it, each file a link into ..data.
        Path version = Files.createDirectories(dir.resolve("..2026_11_26_02_30_00.123456789"));
        List<String> files = new ArrayList<>();
        try (var shipped = Files.list(Path.of("policies"))) {
            for (Path file : shipped.filter(Files::isRegularFile).toList()) {
                Files.copy(file, version.resolve(file.getFileName()));
                files.add(file.getFileName().toString());
            }
        }
        Files.createSymbolicLink(dir.resolve("..data"), version.getFileName());
        for (String file : files) {
            Files.createSymbolicLink(dir.resolve(file), Path.of("..data", file));
        }

        PolicyPack mounted = PolicyLoader.load(dir);

        assertThat(mounted.rules()).hasSameSizeAs(PolicyLoader.load(Path.of("policies")).rules()).isNotEmpty()
                .allSatisfy(rule -> assertThat(rule.file().toString()).as("the file a person edits").doesNotContain(".."));
    }

    @Test
    void everyRuleOfEveryFileIsLoadedWithItsMetadata() throws IOException {
        write("files.drl", rule("public-file-share", "\"Public file share link\"", "HIGH", "TEAM_ONLY", "true"));
        write("sub/sites.drl", rule("public-website", "\"Public website\"", "LOW", "none", "false"));

        PolicyPack pack = PolicyLoader.load(dir);

        assertThat(pack.rules()).containsExactlyInAnyOrder(
                new PolicyRule("public-file-share", "Public file share link", Severity.HIGH, Optional.of(ShareScope.TEAM_ONLY),
                        true, false, "Anyone with the link can read it", dir.resolve("files.drl"), 3),
                new PolicyRule("public-website", "Public website", Severity.LOW, Optional.empty(), false,
                        false, "Anyone with the link can read it", dir.resolve("sub/sites.drl"), 3));
    }

    @Test
    void aSyntaxErrorNamesItsFileAndLine() throws IOException {
        write("good.drl", rule("a", "\"A\"", "HIGH", "OWNER", "true"));
        write("broken.drl", "package policies\n\nrule \"broken\"\nwhen\n    this is not drl\nthen\nend\n");

        assertThatThrownBy(() -> PolicyLoader.load(dir)).isInstanceOf(PolicyLoadException.class)
                .satisfies(e -> assertThat(((PolicyLoadException) e).problems())
                        .allSatisfy(line -> assertThat(line).startsWith(dir.resolve("broken.drl") + ":5")));
    }

    @Test
    void everyMissingOrMalformedAttributeIsReportedAtOnceNamingFileAndRule() throws IOException {
        write("bad.drl", """
                package policies

                rule "no metadata"
                when
                then
                end

                rule "bad values"
                    @id("x") @title("X") @severity(SEVERE) @recommendedScope(EVERYONE) @autoRemediate(maybe)
                    @rationale("r")
                when
                then
                end
                """);

        assertThatThrownBy(() -> PolicyLoader.load(dir)).isInstanceOf(PolicyLoadException.class)
                .satisfies(e -> assertThat(((PolicyLoadException) e).problems()).hasSize(9)
                        .allSatisfy(line -> assertThat(line).matches(java.util.regex.Pattern.quote(dir.resolve("bad.drl").toString())
                                + ":(3|8): rule \".*"))
                        .anySatisfy(line -> assertThat(line).startsWith(dir.resolve("bad.drl") + ":3: rule \"no metadata\": missing @severity"))
                        .anySatisfy(line -> assertThat(line).contains("@severity(SEVERE) is not one of [LOW, MEDIUM, HIGH, CRITICAL]"))
                        .anySatisfy(line -> assertThat(line).contains("@recommendedScope(EVERYONE)"))
                        .anySatisfy(line -> assertThat(line).contains("@autoRemediate must be true or false")));
    }

    @Test
    void twoRulesWithOneIdAreRefused() throws IOException {
        write("one.drl", rule("same", "\"A\"", "HIGH", "OWNER", "true"));
        write("two.drl", rule("same", "\"B\"", "LOW", "OWNER", "true").replace("rule \"same\"", "rule \"other\""));

        assertThatThrownBy(() -> PolicyLoader.load(dir)).isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining("@id \"same\" is already the id of a rule in");
    }

    @Test
    void aMissingOrEmptyFolderNamesTheSetting() throws IOException {
        assertThatThrownBy(() -> PolicyLoader.load(dir.resolve("nope"))).isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining("no such folder").hasMessageContaining("dspm.policies.dir");
        Files.writeString(dir.resolve("README.md"), "not a policy");
        assertThatThrownBy(() -> PolicyLoader.load(dir)).isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining("no .drl policy files").hasMessageContaining("dspm.policies.dir");
    }

    /** Facts are records; a rule that names a field the fact does not have is an error at its line. */
    @Test
    void rulesJudgeRecordFactsAndAFieldTheFactLacksIsAnErrorAtItsLine() throws IOException {
        String probe = """
                package policies
                import dev.dspm.scanner.manus.ShareScope
                import dev.dspm.scanner.policy.Share
                global dev.dspm.scanner.policy.Findings findings

                rule "public"
                    @id("public") @title("Public") @severity(HIGH) @recommendedScope(TEAM_ONLY) @autoRemediate(true) @rationale("r")
                when
                    $share : Share(permission == ShareScope.PUBLIC, assetExists == true)
                then
                    findings.report(kcontext, $share);
                end
                """;
        write("probe.drl", probe);
        Share open = Shares.of(dev.dspm.scanner.manus.AssetType.FILE_SHARE, ShareScope.PUBLIC);
        Share owner = Shares.of(dev.dspm.scanner.manus.AssetType.FILE_SHARE, ShareScope.OWNER);

        assertThat(new Judge(PolicyLoader.load(dir), new RunContext(1, Shares.NOW, PolicySettings.empty(dir))).judge(List.of(open, owner)))
                .extracting(finding -> finding.share().uid()).containsExactly(open.uid());
        write("probe.drl", probe.replace("assetExists ==", "assetExistz =="));
        assertThatThrownBy(() -> PolicyLoader.load(dir)).isInstanceOf(PolicyLoadException.class)
                .hasMessageStartingWith(dir.resolve("probe.drl") + ":9: ").hasMessageContaining("assetExistz");
    }

    /** A rule that compiles but fails when it runs (here, a setting it reads is missing) stops the start-up. */
    @Test
    void aRuleThatFailsWhenItRunsIsRefusedBeforeAnyShareIsJudged() throws IOException {
        write("stale.drl", """
                package policies
                import dev.dspm.scanner.policy.RunContext
                import dev.dspm.scanner.policy.Share

                rule "stale"
                    @id("stale") @title("Stale") @severity(LOW) @recommendedScope(none) @autoRemediate(false) @rationale("r")
                when
                    $context : RunContext()
                    Share(lastActiveAt != null, lastActiveAt < $context.daysAgo("stale-days"))
                then
                end
                """);

        assertThatThrownBy(() -> PolicyLoader.load(dir)).isInstanceOf(PolicyLoadException.class)
                .hasMessageStartingWith(dir + ": a rule fails when it runs: ")
                .hasMessageContaining(dir.resolve("settings.yaml") + " has no setting \"stale-days\", which a rule reads; add it");
        Files.writeString(dir.resolve("settings.yaml"), "stale-days: 30\n");
        assertThat(PolicyLoader.load(dir).rules()).hasSize(1);
    }

    /** Rules that never report (no findings global) judge nothing, and say so by finding nothing. */
    @Test
    void aPackThatNeverDeclaresTheFindingsGlobalFindsNothing() throws IOException {
        write("quiet.drl", rule("quiet", "\"Quiet\"", "LOW", "none", "false"));

        assertThat(new Judge(PolicyLoader.load(dir), new RunContext(1, Shares.NOW, PolicySettings.empty(dir)))
                .judge(List.of(Shares.of(dev.dspm.scanner.manus.AssetType.FILE_SHARE, ShareScope.PUBLIC)))).isEmpty();
    }

    @Test
    void theStringOperatorsThatFailAtRunTimeInThisDroolsAreRefusedAtTheirLine() throws IOException {
        write("owners.drl", """
                package policies
                import dev.dspm.scanner.policy.Share

                rule "external"
                    @id("external") @title("External") @severity(LOW) @recommendedScope(none) @autoRemediate(false) @rationale("r")
                when
                    Share(ownerId str[startsWith] "ext-")  // not ownerId.startsWith
                then
                end
                """);

        assertThatThrownBy(() -> PolicyLoader.load(dir)).isInstanceOf(PolicyLoadException.class)
                .hasMessageStartingWith(dir.resolve("owners.drl") + ":7: rule \"external\": the str[...] operator fails at run time");
    }

    @Test
    void aPolicyFileThatIsNotUtf8IsOneLineNamingIt() throws IOException {
        Files.write(dir.resolve("latin1.drl"), "// r\u00e9sum\u00e9\npackage policies\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> PolicyLoader.load(dir)).isInstanceOf(PolicyLoadException.class)
                .hasMessage(dir.resolve("latin1.drl") + ": not UTF-8 text; save the policy file as UTF-8");
    }

    private void write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static String rule(String id, String title, String severity, String scope, String auto) {
        return """
                package policies

                rule "%s"
                    @id("%s") @title(%s) @severity(%s) @recommendedScope(%s) @autoRemediate(%s)
                    @rationale("Anyone with the link can read it")
                when
                then
                end
                """.formatted(id, id, title, severity, scope, auto);
    }
}
