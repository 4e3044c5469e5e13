package dev.dspm.scanner.policy.drools;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.kie.api.KieBase;
import org.kie.api.definition.rule.Rule;

import dev.dspm.scanner.policy.PolicyRule;
import dev.dspm.scanner.policy.PolicySettings;

/**
 * The compiled policies of a folder: each rule's policy (keyed by the rule's package and name, in the
 * order the files list them) and the settings the rules read.
 */
public record PolicyPack(Path dir, KieBase kieBase, Map<String, PolicyRule> byRule, PolicySettings settings) {

    public List<PolicyRule> rules() {
        return List.copyOf(byRule.values());
    }

    public Optional<PolicyRule> policy(String id) {
        return byRule.values().stream().filter(policy -> policy.id().equals(id)).findFirst();
    }

    /** The policy a firing rule stands for. */
    public PolicyRule policyOf(Rule rule) {
        PolicyRule policy = byRule.get(key(rule));
        if (policy == null) {
            throw new IllegalStateException("rule " + key(rule) + " is not in the policy pack of " + dir);
        }
        return policy;
    }

    static String key(Rule rule) {
        return rule.getPackageName() + "." + rule.getName();
    }
}
