package dev.dspm.scanner.manus;

/**
 * The {@code delegation_state} filter of {@code team.user.list}: whether a profile is a departed member's, handed
 * to a colleague. The values are INFERRED (see {@link WireNames#DELEGATION_STATE_PREFIX}).
 */
public enum DelegationState {
    DELEGATED,
    NOT_DELEGATED;

    public String wireName() {
        return WireNames.DELEGATION_STATE_PREFIX + name();
    }
}
