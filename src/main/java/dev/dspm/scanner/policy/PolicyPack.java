package dev.dspm.scanner.policy;

import java.util.List;

import org.kie.api.KieBase;

/** The compiled policies and what each rule's metadata says. */
public record PolicyPack(KieBase kieBase, List<PolicyRule> rules) {
}
