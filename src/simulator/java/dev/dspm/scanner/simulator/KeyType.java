package dev.dspm.scanner.simulator;

/** Which kind of key a request carried; recorded instead of the key itself. */
enum KeyType {
    AUDIT,
    MGMT,
    /** A Team User Management key: team.user.list only. */
    USER,
    WRONG,
    MISSING;

    static KeyType of(String headerValue) {
        if (headerValue == null || headerValue.isEmpty()) {
            return MISSING;
        }
        if (headerValue.equals(ManusSimulator.AUDIT_KEY)) {
            return AUDIT;
        }
        if (headerValue.equals(ManusSimulator.USER_KEY)) {
            return USER;
        }
        return headerValue.equals(ManusSimulator.MGMT_KEY) ? MGMT : WRONG;
    }

    boolean mayList() {
        return this == AUDIT || this == MGMT;
    }

    boolean mayListUsers() {
        return this == USER;
    }

    boolean mayUpdateScope() {
        return this == MGMT;
    }
}
