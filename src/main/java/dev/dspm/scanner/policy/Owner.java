package dev.dspm.scanner.policy;

import java.util.Locale;

import dev.dspm.scanner.manus.TeamRole;
import dev.dspm.scanner.manus.UserStatus;

/**
 * The team member who owns a share, as {@code team.user.list} lists them, beside the share for the rules. A share's
 * owner is null when the run did not enrich owners (no user key) or when no member's {@code team_user_id} equals the
 * share's {@code owner_id}: an owner the job cannot match is unknown, never departed.
 */
public record Owner(String teamUserId, String email, String userName, UserStatus status, String statusRaw, TeamRole role,
        String roleRaw, String delegatedTo, String originalEmail) {

    /** INFERRED from the docs' description of delegation: a departed member's profile handed to a colleague. */
    static final String DELEGATE_PREFIX = "delegate-";
    static final String DELEGATE_DOMAIN = "@manus.im";

    /** Left the team: deactivated or removed. Nobody is left to ask about what they shared. */
    public boolean departed() {
        return status == UserStatus.INACTIVE || status == UserStatus.REMOVED;
    }

    /** A delegated profile ({@code delegate-…@manus.im}): its shares are now in the hands of {@link #delegatedTo()}. */
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
