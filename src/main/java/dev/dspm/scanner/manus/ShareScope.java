package dev.dspm.scanner.manus;

import java.util.Locale;

/**
 * Who can reach a share, tightest first: the declaration order is the API's order
 * (OWNER < TEAM_ONLY < PUBLIC). {@link #UNKNOWN} stands for a value this build does not know;
 * the raw string is kept beside it wherever a scope is stored.
 */
public enum ShareScope {
    OWNER,
    TEAM_ONLY,
    PUBLIC,
    UNKNOWN;

    private static final String PREFIX = "SHARE_SCOPE_";
    private static final ShareScope[] KNOWN = { OWNER, TEAM_ONLY, PUBLIC };

    private final String wire = PREFIX + name();

    public String wireName() {
        if (this == UNKNOWN) {
            throw new IllegalStateException("UNKNOWN has no wire name; send the raw value instead");
        }
        return wire;
    }

    /** Null for a missing value, UNKNOWN for a value this build does not know. */
    public static ShareScope fromWire(String value) {
        if (value == null) {
            return null;
        }
        // The wire spelling first: it is what a million rows carry, and upper-casing each costs.
        for (ShareScope scope : KNOWN) {
            if (scope.wire.equals(value)) {
                return scope;
            }
        }
        String name = value.toUpperCase(Locale.ROOT);
        if (name.startsWith(PREFIX)) {
            name = name.substring(PREFIX.length());
        }
        for (ShareScope scope : values()) {
            if (scope != UNKNOWN && scope.name().equals(name)) {
                return scope;
            }
        }
        return UNKNOWN;
    }
}
