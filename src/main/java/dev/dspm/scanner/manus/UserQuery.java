package dev.dspm.scanner.manus;

/**
 * One page request of {@code team.user.list}: limit 1..1000, offset >= 0; a null filter means "not filtered".
 * {@link UserStatus#UNKNOWN} cannot be sent as a filter.
 */
public record UserQuery(int limit, int offset, UserStatus statusFilter, DelegationState delegationState) {

    public static UserQuery of(int limit) {
        return new UserQuery(limit, 0, null, null);
    }

    public UserQuery withOffset(int newOffset) {
        return new UserQuery(limit, newOffset, statusFilter, delegationState);
    }
}
