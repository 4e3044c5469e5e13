package dev.dspm.scanner.manus;

import java.util.Arrays;
import java.util.Optional;

/** The five kinds of share {@code team.asset.list} enumerates, one type per call. */
public enum AssetType {
    SESSION_COLLABORATION,
    SESSION_SHARE,
    FILE_SHARE,
    WEBSITE_PUBLISH,
    PROJECT_SHARE;

    private static final String PREFIX = "ASSET_TYPE_";

    public String wireName() {
        return PREFIX + name();
    }

    /** Accepts the wire name or the short name, in any case; empty when the value is not a known type. */
    public static Optional<AssetType> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String name = value.trim().toUpperCase(java.util.Locale.ROOT);
        String shortName = name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name;
        return Arrays.stream(values()).filter(t -> t.name().equals(shortName)).findFirst();
    }
}
