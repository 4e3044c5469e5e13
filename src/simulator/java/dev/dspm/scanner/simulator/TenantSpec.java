package dev.dspm.scanner.simulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sizes and seed of a generated tenant. {@code sharesPerType} is keyed by asset type wire name; it is
 * normalised to all five types, in a fixed order, so iteration never depends on the caller's map.
 * The fractions are of all shares and independent of each other.
 */
public record TenantSpec(
        long seed,
        Map<String, Integer> sharesPerType,
        int owners,
        double publicShare,
        double staleShare,
        double hostileShare,
        double unknownEnumShare) {

    /** Uneven on purpose, the way real tenants are: files dominate, site publishes are few. */
    private static final double[] REALISTIC_WEIGHTS = {0.17, 0.24, 0.38, 0.09, 0.12};
    private static final double PUBLIC = 0.15;
    private static final double STALE = 0.03;
    private static final double HOSTILE = 0.02;
    private static final double UNKNOWN_ENUM = 0.002;

    public TenantSpec {
        Map<String, Integer> normalised = new LinkedHashMap<>();
        for (ShareType type : ShareType.values()) {
            normalised.put(type.wire(), 0);
        }
        sharesPerType.forEach((wire, count) -> {
            ShareType.require(wire);
            if (count == null || count < 0) {
                throw new IllegalArgumentException("share count of " + wire + " must be >= 0: " + count);
            }
            normalised.put(wire, count);
        });
        sharesPerType = Collections.unmodifiableMap(normalised);
        if (owners < 1) {
            throw new IllegalArgumentException("owners must be >= 1: " + owners);
        }
        requireFraction("publicShare", publicShare);
        requireFraction("staleShare", staleShare);
        requireFraction("hostileShare", hostileShare);
        requireFraction("unknownEnumShare", unknownEnumShare);
    }

    /**
     * Uneven realistic sizes over all five types (none empty from 5 shares up), ~200 owners per 5,000
     * shares (min 20), ~15% public, ~3% stale, ~2% hostile names, ~0.2% unknown enum values.
     */
    public static TenantSpec realistic(long seed, int totalShares) {
        if (totalShares < 0) {
            throw new IllegalArgumentException("totalShares must be >= 0: " + totalShares);
        }
        ShareType[] types = ShareType.values();
        int[] counts = new int[types.length];
        int fileIndex = ShareType.FILE_SHARE.ordinal();
        int others = 0;
        for (int i = 0; i < types.length; i++) {
            if (i != fileIndex) {
                int floor = (int) (totalShares * REALISTIC_WEIGHTS[i]);
                counts[i] = totalShares >= types.length ? Math.max(1, floor) : 0;
                others += counts[i];
            }
        }
        counts[fileIndex] = totalShares - others;
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (ShareType type : types) {
            sizes.put(type.wire(), counts[type.ordinal()]);
        }
        return of(seed, sizes);
    }

    /** Exact counts per wire type name; types not named have 0 shares. Owners and fractions as {@link #realistic}. */
    public static TenantSpec of(long seed, Map<String, Integer> sharesPerType) {
        long total = sharesPerType.values().stream().mapToLong(Integer::longValue).sum();
        int owners = (int) Math.max(20, total / 25);
        return new TenantSpec(seed, sharesPerType, owners, PUBLIC, STALE, HOSTILE, UNKNOWN_ENUM);
    }

    int sharesOf(ShareType type) {
        return sharesPerType.get(type.wire());
    }

    private static void requireFraction(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be within [0, 1]: " + value);
        }
    }
}
