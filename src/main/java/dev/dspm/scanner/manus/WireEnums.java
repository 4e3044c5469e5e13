package dev.dspm.scanner.manus;

import java.util.Locale;

/** Reads the prefixed enum values of {@code team.user.list} ({@code USER_STATUS_ACTIVE}) into this build's enums. */
final class WireEnums {

    private WireEnums() {
    }

    /**
     * The constant whose name follows {@code prefix} in {@code value}, in any case; {@code unknown} for a missing
     * value or one this build does not know (the caller keeps the raw string, so nothing is lost).
     */
    static <E extends Enum<E>> E fromWire(E[] values, String prefix, String value, E unknown) {
        if (value == null) {
            return unknown;
        }
        String name = value.trim().toUpperCase(Locale.ROOT);
        if (!name.startsWith(prefix)) {
            return unknown;
        }
        name = name.substring(prefix.length());
        for (E constant : values) {
            if (constant != unknown && constant.name().equals(name)) {
                return constant;
            }
        }
        return unknown;
    }

    static String wireName(Enum<?> constant, String prefix, Enum<?> unknown) {
        if (constant == unknown) {
            throw new IllegalStateException(unknown + " has no wire name");
        }
        return prefix + constant.name();
    }
}
