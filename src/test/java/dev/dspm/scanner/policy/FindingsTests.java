package dev.dspm.scanner.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.manus.AssetType;
import dev.dspm.scanner.manus.ShareScope;
import dev.dspm.scanner.policy.drools.Judge;
import dev.dspm.scanner.policy.drools.PolicyLoader;
import dev.dspm.scanner.policy.drools.PolicyPack;

/** What the rules report becomes one finding per share and policy, however often a rule fires for the share. */
class FindingsTests {

    @TempDir
    Path dir;

    @Test
    void aRuleFiringManyTimesForOneShareReportsItOnce() throws Exception {
        Files.writeString(dir.resolve("pairs.drl"), """
                package policies
                import dev.dspm.scanner.policy.Share
                global dev.dspm.scanner.policy.Findings findings

                rule "Share beside another"
                    @id("beside-another") @title("t") @severity(LOW) @recommendedScope(none) @autoRemediate(false)
                    @rationale("r")
                when
                    $share : Share()
                    Share(this != $share)
                then
                    findings.report(kcontext, $share);
                end

                rule "Any share"
                    @id("any-share") @title("t") @severity(LOW) @recommendedScope(none) @autoRemediate(false)
                    @rationale("r")
                when
                    $share : Share()
                then
                    findings.report(kcontext, $share);
                end
                """);
        PolicyPack pack = PolicyLoader.load(dir);
        Share team = Shares.of(AssetType.FILE_SHARE, ShareScope.TEAM_ONLY);
        Share owner = Shares.of(AssetType.FILE_SHARE, ShareScope.OWNER);
        Share site = Shares.of(AssetType.WEBSITE_PUBLISH, ShareScope.PUBLIC);

        List<Finding> found = new Judge(pack, new RunContext(1, Shares.NOW, pack.settings())).judge(List.of(team, owner, site));

        // "Share beside another" fires twice for each share, once per other share.
        assertThat(found).extracting(finding -> finding.policy().id() + " " + finding.share().uid()).containsExactlyInAnyOrder(
                "beside-another " + team.uid(), "beside-another " + owner.uid(), "beside-another " + site.uid(),
                "any-share " + team.uid(), "any-share " + owner.uid(), "any-share " + site.uid());
    }
}
