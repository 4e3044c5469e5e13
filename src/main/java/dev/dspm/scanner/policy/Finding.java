package dev.dspm.scanner.policy;

/** A share that breaks a policy, as one rule firing found it. Its identity across runs is (share uid, policy id). */
public record Finding(Share share, PolicyRule policy) {
}
