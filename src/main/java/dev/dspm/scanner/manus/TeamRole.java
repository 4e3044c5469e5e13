package dev.dspm.scanner.manus;

/** A team member's role in {@code team.user.list}; UNKNOWN for a value this build does not know (the raw string is kept). */
public enum TeamRole {
    OWNER, SUPER_ADMIN, ADMIN, MEMBER, GUEST, UNKNOWN
}
