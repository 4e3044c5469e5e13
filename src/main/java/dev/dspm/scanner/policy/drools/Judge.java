package dev.dspm.scanner.policy.drools;

import java.util.ArrayList;
import java.util.List;

import org.kie.api.runtime.StatelessKieSession;

import dev.dspm.scanner.policy.Finding;
import dev.dspm.scanner.policy.Findings;
import dev.dspm.scanner.policy.RunContext;
import dev.dspm.scanner.policy.Share;

/**
 * Runs the policies over a chunk of shares in one stateless execution: the chunk's shares and the run
 * context go in as facts, and every rule that fires reports a finding. About a thousand facts per
 * execution is ten times faster than one execution per share. Safe to use from several threads: each
 * call has a session and a findings list of its own.
 */
public final class Judge {

    private final PolicyPack pack;
    private final RunContext context;
    private final boolean reports;

    public Judge(PolicyPack pack, RunContext context) {
        this.pack = pack;
        this.context = context;
        this.reports = pack.kieBase().getKiePackages().stream()
                .anyMatch(pkg -> pkg.getGlobalVariables().stream().anyMatch(g -> g.getName().equals(Findings.GLOBAL)));
    }

    public List<Finding> judge(List<Share> shares) {
        if (shares.isEmpty()) {
            return List.of();
        }
        StatelessKieSession session = pack.kieBase().newStatelessKieSession();
        Findings findings = new Findings(pack);
        // Drools refuses a global no file declares; such a pack's rules still run (and can still fail), finding nothing.
        if (reports) {
            session.setGlobal(Findings.GLOBAL, findings);
        }
        List<Object> facts = new ArrayList<>(shares.size() + 1);
        facts.add(context);
        facts.addAll(shares);
        session.execute(facts);
        return findings.found();
    }
}
