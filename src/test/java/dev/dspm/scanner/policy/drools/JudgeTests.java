package dev.dspm.scanner.policy.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.manus.AssetType;
import dev.dspm.scanner.manus.ShareScope;
import dev.dspm.scanner.policy.RunContext;
import dev.dspm.scanner.policy.Share;
import dev.dspm.scanner.policy.Shares;

class JudgeTests {

    @TempDir
    Path dir;

    /** It failed the night with "For input string" alone: no rule, no file, no share. */
    @Test
    void aRuleThatFailsOnOneShareOfAChunkIsNamedWithItsFileLineAndTheShare() throws IOException {
        Files.writeString(dir.resolve("numbers.drl"), """
                package policies
                import dev.dspm.scanner.policy.RunContext
                import dev.dspm.scanner.policy.Share
                global dev.dspm.scanner.policy.Findings findings

                rule "Numbered names"
                    @id("numbered") @title("N") @severity(LOW) @recommendedScope(none) @autoRemediate(false) @rationale("r")
                when
                    $context : RunContext()
                    $share : Share(uid == "=HYPERLINK(\\"x\\")", $context.number(uid) > 0)
                then
                    findings.report(kcontext, $share);
                end

                rule "Every share"
                    @id("every") @title("E") @severity(LOW) @recommendedScope(none) @autoRemediate(false) @rationale("r")
                when
                    $share : Share()
                then
                    findings.report(kcontext, $share);
                end
                """);
        PolicyPack pack = PolicyLoader.load(dir);
        Share plain = Shares.of(AssetType.FILE_SHARE, ShareScope.PUBLIC);
        Share hostile = new Share("=HYPERLINK(\"x\")", AssetType.FILE_SHARE, "ASSET_TYPE_FILE_SHARE", "n", "a", Shares.NOW, null,
                "o", null, true, ShareScope.PUBLIC, "PUBLIC", ShareScope.PUBLIC, "PUBLIC", null);
        Judge judge = new Judge(pack, new RunContext(1, Shares.NOW, pack.settings()));

        assertThat(judge.judge(List.of(plain))).hasSize(1);
        assertThatThrownBy(() -> judge.judge(List.of(plain, hostile, plain))).isInstanceOf(Judge.RuleFailureException.class)
                .hasMessageStartingWith("rule \"Numbered names\" (numbered, " + dir.resolve("numbers.drl") + ":6) failed on share "
                        + "=HYPERLINK(\"x\"): ")
                .hasMessageContaining("has no setting");

        Share other = Shares.of(AssetType.SESSION_SHARE, ShareScope.PUBLIC);
        Verdicts verdicts = judge.verdicts(List.of(plain, hostile, other));
        assertThat(verdicts.findings()).as("the other shares' findings are real").extracting(finding -> finding.share())
                .containsExactly(plain, other);
        assertThat(verdicts.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.shareUid()).isEqualTo(hostile.uid());
            assertThat(failure.policy()).map(policy -> policy.id()).contains("numbered");
            assertThat(failure.describe()).startsWith("rule \"Numbered names\" (numbered, " + dir.resolve("numbers.drl") + ":6)");
        });
    }
}
