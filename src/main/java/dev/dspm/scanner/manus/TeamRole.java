package dev.dspm.scanner.manus;

/**
 * A team member's role in {@code team.user.list}. {@link #UNKNOWN} stands for a missing value or one this build
 * does not know; {@link TeamUser#roleRaw()} keeps what was sent.
 */
public enum TeamRole {
    OWNER,
    SUPER_ADMIN,
    ADMIN,
    MEMBER,
    GUEST,
    UNKNOWN;

    /** {@code TEAM_MEMBER_ROLE_OWNER} and so on. */
    public String wireName() {
        return WireEnums.wireName(this, WireNames.ROLE_PREFIX, UNKNOWN);
    }

    public static TeamRole fromWire(String value) {
        return WireEnums.fromWire(values(), WireNames.ROLE_PREFIX, value, UNKNOWN);
    }
}
