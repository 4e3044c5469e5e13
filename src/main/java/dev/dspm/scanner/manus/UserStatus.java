package dev.dspm.scanner.manus;

/**
 * A team member's status in {@code team.user.list}. {@link #UNKNOWN} stands for a missing value or one this build
 * does not know; {@link TeamUser#statusRaw()} keeps what was sent.
 */
public enum UserStatus {
    ACTIVE,
    INACTIVE,
    REMOVED,
    UNKNOWN;

    /** {@code USER_STATUS_ACTIVE} and so on; also the value of the {@code status_filter} parameter. */
    public String wireName() {
        return WireEnums.wireName(this, WireNames.USER_STATUS_PREFIX, UNKNOWN);
    }

    public static UserStatus fromWire(String value) {
        return WireEnums.fromWire(values(), WireNames.USER_STATUS_PREFIX, value, UNKNOWN);
    }
}
