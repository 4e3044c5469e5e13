package dev.dspm.scanner.policy.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.policy.PolicyLoadException;

/**
 * A policy file is reviewed as configuration but Drools would run it as code with every key the job holds: what an
 * attacker's .drl tried (keys written to disk, the JVM ended, static calls in a constraint, code in an annotation,
 * which Drools evaluates while compiling) is refused at its line, before anything of it runs.
 */
class PolicySandboxTests {

    private static final String HEADER = """
            package policies
            import dev.dspm.scanner.policy.Share
            global dev.dspm.scanner.policy.Findings findings

            """;
    private static final String META = "@id(\"x\") @title(\"X\") @severity(LOW) @recommendedScope(none) @autoRemediate(false) @rationale(\"r\")";

    @TempDir
    Path dir;

    @Test
    void theShippedPackIsInsideThePolicyLanguage() {
        assertThat(PolicyLoader.load(Path.of("policies")).rules()).hasSizeGreaterThan(5);
    }

    @Test
    void aConsequenceThatWritesTheKeysToDiskIsRefusedAtItsLineAndNeverRuns() throws IOException {
        Path stolen = dir.resolve("stolen.txt");
        write("steal.drl", HEADER + """
                rule "steal"
                    %s
                when
                    $share : Share()
                then
                    java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "key=" + System.getenv("MANUS_ASSET_MGMT_KEY"));
                    findings.report(kcontext, $share);
                end
                """.formatted(META, stolen));

        assertThatThrownBy(() -> PolicyLoader.load(dir)).isInstanceOf(PolicyLoadException.class)
                .satisfies(e -> assertThat(((PolicyLoadException) e).problems()).containsExactly(dir.resolve("steal.drl")
                        + ":10: rule \"steal\": the consequence must be exactly findings.report(kcontext, $share); (or nothing), not code"));
        assertThat(stolen).as("the trial run executes every rule: it must not have run this one").doesNotExist();
    }

    @Test
    void codeInAnAnnotationWhichDroolsEvaluatesWhileCompilingNeverRuns() throws IOException {
        Path marker = dir.resolve("compiled.txt");
        write("annotation.drl", HEADER + """
                rule "annotation"
                    @id("x") @title(new java.io.File("%s").createNewFile()) @severity(LOW) @recommendedScope(none)
                    @autoRemediate(false) @rationale("r")
                when
                    Share()
                then
                end
                """.formatted(marker));

        assertThatThrownBy(() -> PolicyLoader.load(dir)).isInstanceOf(PolicyLoadException.class)
                .hasMessage(dir.resolve("annotation.drl") + ":6: rule \"annotation\": @title(...) must be one quoted text or one word");
        assertThat(marker).doesNotExist();
    }

    @Test
    void everyWayOutOfThePolicyLanguageIsNamedAtItsLineAllAtOnce() throws IOException {
        write("escape.drl", """
                package policies
                import java.lang.Runtime
                import dev.dspm.scanner.policy.Share
                import dev.dspm.scanner.policy.RunContext
                global java.util.List leak
                global dev.dspm.scanner.policy.Findings findings

                function void boom() { System.exit(0); }

                declare Loot
                    key : String
                end

                query "all shares"
                    Share()
                end

                rule "exit"
                    %1$s
                when
                    $share : Share()
                then
                    System.exit(0);
                end

                rule "static call"
                    %1$s
                when
                    $share : Share(assetName == System.getenv("MANUS_ASSET_AUDIT_KEY"))
                then
                    findings.report(kcontext, $share);
                end

                rule "reflection"
                    %1$s
                when
                    $share : Share(assetName.getClass().getName() != null)
                then
                end

                rule "eval"
                    %1$s
                when
                    $share : Share()
                    eval(Runtime.getRuntime() != null)
                then
                end

                rule "from"
                    %1$s
                when
                    $share : Share() from new java.util.ArrayList()
                then
                end

                rule "new"
                    %1$s
                when
                    $share : Share(assetName == new String("x"))
                then
                end

                rule "salience"
                    %1$s
                    salience (System.nanoTime())
                when
                    $share : Share()
                then
                end

                rule "not a share"
                    %1$s
                when
                    $context : RunContext()
                then
                    findings.report(kcontext, $context);
                end
                """.formatted(META));

        assertThatThrownBy(() -> PolicyLoader.load(dir)).isInstanceOf(PolicyLoadException.class)
                .satisfies(e -> assertThat(((PolicyLoadException) e).problems()).map(line -> line.substring(dir.toString().length() + 1))
                        .containsExactlyInAnyOrder(
                                "escape.drl:2: import java.lang.Runtime: policies may import only [dev.dspm.scanner.manus.AssetType, "
                                        + "dev.dspm.scanner.manus.ShareScope, dev.dspm.scanner.manus.TeamRole, dev.dspm.scanner.manus.TeamUser, "
                                        + "dev.dspm.scanner.manus.UserStatus, dev.dspm.scanner.policy.RunContext, dev.dspm.scanner.policy.Share]",
                                "escape.drl:5: global java.util.List leak: the only global is dev.dspm.scanner.policy.Findings findings",
                                "escape.drl:8: function boom: policies cannot declare functions",
                                "escape.drl:10: declare Loot: policies cannot declare types",
                                "escape.drl:14: query \"all shares\": queries are not part of the policy language",
                                "escape.drl:23: rule \"exit\": the consequence must be exactly findings.report(kcontext, $share); (or nothing), not code",
                                "escape.drl:29: rule \"static call\": 'System' is not a field or method of a fact (Share, RunContext, an owner) "
                                        + "or an operator; policies may read the facts only (see policies/README.md)",
                                "escape.drl:37: rule \"reflection\": 'getClass' is not a field or method of a fact (Share, RunContext, an owner) "
                                        + "or an operator; policies may read the facts only (see policies/README.md)",
                                "escape.drl:45: rule \"eval\": eval is not part of the policy language; match Share and RunContext facts "
                                        + "with and, or, not and exists",
                                "escape.drl:52: rule \"from\": from is not part of the policy language; facts come from the run",
                                "escape.drl:59: rule \"new\": 'new' makes an object; a policy only reads the facts",
                                "escape.drl:65: rule \"salience\": salience: rule attributes are not part of the policy language",
                                "escape.drl:76: rule \"not a share\": $context is not a Share this rule matched; report the Share pattern's variable"));
    }

    /** The second wall: declarations that only matter with a construct refused anyway are refused themselves. */
    @Test
    void packageLevelWaysToCodeAreRefusedAndSoIsCodeInsideOr() throws IOException {
        write("package.drl", """
                package policies
                import function java.lang.System.exit
                import accumulate java.lang.Object loot
                import dev.dspm.scanner.policy.Share
                global dev.dspm.scanner.policy.Findings findings
                dialect "mvel"

                rule "or"
                    %s
                when
                    $share : Share(uid == "a") or Share(assetName == System.getenv("MANUS_ASSET_MGMT_KEY"))
                then
                end
                """.formatted(META));

        assertThatThrownBy(() -> PolicyLoader.load(dir)).isInstanceOf(PolicyLoadException.class)
                .satisfies(e -> assertThat(((PolicyLoadException) e).problems()).map(line -> line.substring(dir.toString().length() + 1))
                        .contains("package.drl:2: import function: policies cannot call functions",
                                "package.drl:3: import accumulate: policies cannot add accumulate functions")
                        .anySatisfy(line -> assertThat(line).contains("dialect: package attributes are not part of the policy language"))
                        .anySatisfy(line -> assertThat(line).startsWith("package.drl:11: rule \"or\": 'System' is not a field")));
    }

    @Test
    void aRuleMayReadEveryFieldOfTheFactsTheirOwnersAndTheEnumsConstants() throws IOException {
        write("reads.drl", """
                package policies
                import dev.dspm.scanner.manus.AssetType
                import dev.dspm.scanner.manus.ShareScope
                import dev.dspm.scanner.manus.TeamRole
                import dev.dspm.scanner.policy.RunContext
                import dev.dspm.scanner.policy.Share
                global dev.dspm.scanner.policy.Findings findings

                rule "reads"
                    %s
                when
                    $context : RunContext()
                    $share : Share(exposed(), assetType == AssetType.FILE_SHARE || permission != ShareScope.OWNER,
                                   ownerId != null && ownerId.startsWith("ext-"), $name : assetName,
                                   owner == null || owner.role == TeamRole.GUEST || owner.emailDomain() == "example.com",
                                   lastActiveAt < $context.now, assetName not matches ".*draft.*")
                    not Share(uid == "x", this != $share)
                    exists RunContext(runId > 0)
                then
                    findings.report(kcontext, $share); // the one thing a rule does
                end
                """.formatted(META));

        assertThat(PolicyLoader.load(dir).rules()).hasSize(1);
    }

    @Test
    void aSyntaxErrorIsNeverCompiledAndNamesItsLine() throws IOException {
        write("broken.drl", HEADER + "rule \"broken\"\n    " + META + "\nwhen\n    Share(\nthen\nend\n");

        assertThatThrownBy(() -> PolicyLoader.load(dir)).isInstanceOf(PolicyLoadException.class)
                .satisfies(e -> assertThat(((PolicyLoadException) e).problems()).isNotEmpty()
                        .allSatisfy(line -> assertThat(line).matches(java.util.regex.Pattern.quote(dir.resolve("broken.drl").toString()) + ":\\d+: .+")));
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

}
