package dev.dspm.scanner.manus;

/** A team member's status in {@code team.user.list}; UNKNOWN for a value this build does not know (the raw string is kept). */
public enum UserStatus {
    ACTIVE, INACTIVE, REMOVED, UNKNOWN
}
