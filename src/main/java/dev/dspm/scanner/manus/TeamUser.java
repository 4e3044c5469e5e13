package dev.dspm.scanner.manus;

/**
 * One member as {@code team.user.list} returned it. {@code teamUserId} is always present (a user without one fails
 * the page); every other text may be null, e.g. {@code email} for a member without one. Status and role are parsed
 * and their raw strings kept: a missing or unknown value is {@code UNKNOWN}, with the raw value (or null) beside it.
 * A delegated profile (a departed member's, handed to a colleague) has {@code delegatedTo}, the colleague's email,
 * and {@code originalEmail}, the departed member's own; both are null otherwise.
 */
public record TeamUser(
        String teamUserId,
        String email,
        String userName,
        UserStatus status,
        String statusRaw,
        TeamRole role,
        String roleRaw,
        String delegatedTo,
        String originalEmail) {
}
