package dev.dspm.scanner.policy;

/** A record fact for the loader's tests; public because the code Drools generates for a rule lives in the rule's package. */
public record ProbeShare(String uid, String permission, boolean exists) {
}
