package dev.dspm.scanner.manus;

import java.util.Locale;

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

    /** INFERRED from the docs' description of delegation: a departed member's profile handed to a colleague. */
    static final String DELEGATE_PREFIX = "delegate-";
    static final String DELEGATE_DOMAIN = "@manus.im";

    /** Left the team: deactivated or removed. Nobody is left to ask about what they shared. */
    public boolean departed() {
        return status == UserStatus.INACTIVE || status == UserStatus.REMOVED;
    }

    /** A delegated profile ({@code delegate-…@manus.im}, any case): its shares are in the hands of {@link #delegatedTo()}. */
    public boolean delegated() {
        if (email == null) {
            return false;
        }
        String lower = email.toLowerCase(Locale.ROOT);
        return lower.startsWith(DELEGATE_PREFIX) && lower.endsWith(DELEGATE_DOMAIN);
    }

    /** The part of the email after {@code @}, lower-cased; null without an email. */
    public String emailDomain() {
        int at = email == null ? -1 : email.lastIndexOf('@');
        return at < 0 ? null : email.substring(at + 1).toLowerCase(Locale.ROOT);
    }
}
