package dev.dspm.scanner.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.dspm.scanner.manus.AssetType;
import dev.dspm.scanner.manus.ShareScope;
import dev.dspm.scanner.policy.drools.Judge;
import dev.dspm.scanner.policy.drools.PolicyLoader;
import dev.dspm.scanner.policy.drools.PolicyPack;

/** The shipped pack in policies/, judged as the job runs it. */
class DefaultPackTests {

    static PolicyPack pack;

    @BeforeAll
    static void load() {
        pack = PolicyLoader.load(Path.of("policies"));
    }

    static List<String> policiesOf(Share share) {
        return new Judge(pack, new RunContext(1, Shares.NOW, pack.settings())).judge(List.of(share)).stream()
                .map(f -> f.policy().id()).sorted().toList();
    }

    @Test
    void publicFileShareIsHigh() {
        assertThat(policiesOf(Shares.of(AssetType.FILE_SHARE, ShareScope.PUBLIC))).containsExactly("public-file-share");
        assertThat(policiesOf(Shares.of(AssetType.FILE_SHARE, ShareScope.TEAM_ONLY))).isEmpty();
    }

    @Test
    void sensitiveNames() {
        Share team = Shares.of(AssetType.FILE_SHARE, ShareScope.TEAM_ONLY);
        assertThat(policiesOf(Shares.named(team, "payroll_2026_01.xlsx"))).containsExactly("sensitive-name-exposed");
        assertThat(policiesOf(Shares.named(team, "payrolling.xlsx"))).isEmpty();
        assertThat(policiesOf(Shares.named(team, "2026年工资表.xlsx"))).containsExactly("sensitive-name-exposed");
        assertThat(policiesOf(Shares.named(team, "API-Key backup"))).containsExactly("sensitive-name-exposed");
    }

    @Test
    void staleBoundary() {
        Share share = Shares.of(AssetType.WEBSITE_PUBLISH, ShareScope.PUBLIC);
        assertThat(policiesOf(Shares.lastOperated(share, Shares.NOW.minusSeconds(86_400L * 90))))
                .containsExactly("public-website-publish");
        assertThat(policiesOf(Shares.lastOperated(share, Shares.NOW.minusSeconds(86_400L * 90 + 1))))
                .containsExactly("public-website-publish", "stale-public-share");
    }
}
