package dev.dspm.scanner.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import dev.dspm.scanner.manus.AssetType;
import dev.dspm.scanner.policy.RunContext;
import dev.dspm.scanner.policy.Share;
import dev.dspm.scanner.policy.drools.Judge;
import dev.dspm.scanner.policy.drools.PolicyLoader;
import dev.dspm.scanner.policy.drools.PolicyPack;
import dev.dspm.scanner.simulator.SimulatedTenant;

/**
 * How big a {@link PublicTenant} must be for a run of a given number of findings: the default pack judges a small
 * tenant of the same kind in this JVM (a few seconds), and the tenant is sized from that ratio with a margin, since
 * a larger tenant's ratio differs a little by chance. The run's exact count is read from the database afterwards.
 */
final class FindingsPerShare {

    static final int SAMPLE = 20_000;
    static final double MARGIN = 1.02;
    private static final int CHUNK = 1_000;

    private FindingsPerShare() {
    }

    /** Findings per share of a public tenant of {@code shares}, judged by the pack in {@code policies} as of {@code now}. */
    static double measure(Path policies, int shares, Instant now) {
        PolicyPack pack = PolicyLoader.load(policies);
        Judge judge = new Judge(pack, new RunContext(1, now, pack.settings()));
        SimulatedTenant tenant = SimulatedTenant.generate(PublicTenant.spec(shares));
        long findings = 0;
        long judged = 0;
        for (AssetType type : AssetType.values()) {
            List<Share> facts = tenant.listed(type.wireName()).stream().map(Facts::share).toList();
            for (int from = 0; from < facts.size(); from += CHUNK) {
                findings += judge.judge(facts.subList(from, Math.min(facts.size(), from + CHUNK))).size();
            }
            judged += facts.size();
        }
        return (double) findings / judged;
    }

    /** The tenant's size for at least {@code findings} at {@code perShare}, with the margin. */
    static int sharesFor(long findings, double perShare) {
        if (perShare <= 0) {
            throw new IllegalArgumentException("the pack finds nothing in a public tenant; no size gives " + findings + " findings");
        }
        return (int) Math.ceil(findings / perShare * MARGIN);
    }
}
