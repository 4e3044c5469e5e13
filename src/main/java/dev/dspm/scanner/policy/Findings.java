package dev.dspm.scanner.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.RuleContext;

import dev.dspm.scanner.policy.drools.PolicyPack;

/**
 * The global every rule reports to: {@code then findings.report(kcontext, $share); end}. The rule's own
 * metadata says which policy it is, so a new rule needs no Java. One instance per execution; a rule that
 * matches one share twice (two bindings of the same share) reports it once.
 */
public final class Findings {

    public static final String GLOBAL = "findings";

    private final PolicyPack pack;
    private final List<Finding> found = new ArrayList<>();
    private final Set<Key> seen = new HashSet<>();
    /** The pack finds a rule's policy by a key built from its name; a rule fires hundreds of times an execution. */
    private final Map<Rule, PolicyRule> policies = new IdentityHashMap<>();

    public Findings(PolicyPack pack) {
        this.pack = pack;
    }

    public void report(RuleContext kcontext, Share share) {
        PolicyRule policy = policies.computeIfAbsent(kcontext.getRule(), pack::policyOf);
        if (seen.add(new Key(policy.id(), share.uid()))) {
            found.add(new Finding(share, policy));
        }
    }

    public List<Finding> found() {
        return found;
    }

    private record Key(String policyId, String uid) {
    }
}
