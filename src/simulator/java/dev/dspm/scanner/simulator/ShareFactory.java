package dev.dspm.scanner.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Makes share rows from one seeded random stream, so the same spec and the same sequence of calls
 * always give the same rows. Not thread-safe: the tenant calls it under its lock.
 */
final class ShareFactory {

    /** Fixed, not the wall clock, so that generated tenants are identical from run to run. */
    static final long REFERENCE_EPOCH_SECOND = Instant.parse("2026-11-01T00:00:00Z").getEpochSecond();
    private static final long HISTORY_SECONDS = 3 * 365 * 86_400L;
    /** Of public rows, how many still hold the other v1 public value and so escape the permission filter. */
    private static final double LEGACY_SHARE_OF_PUBLIC = 0.10;
    private static final double TEAM_ONLY_SHARE_OF_PRIVATE = 0.65;
    private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final TenantSpec spec;
    private final SplittableRandom random;
    private final Predicate<String> uidTaken;
    private final List<String> owners;
    private int hostileCursor;
    private int unknownEnumCursor;

    ShareFactory(TenantSpec spec, Predicate<String> uidTaken) {
        this.spec = spec;
        this.random = new SplittableRandom(spec.seed());
        this.uidTaken = uidTaken;
        this.owners = new ArrayList<>(spec.owners());
        for (int i = 0; i < spec.owners(); i++) {
            owners.add("usr_" + randomId(16));
        }
    }

    /** A share issued some time in the three years before the reference instant, recent ones likelier. */
    ShareRow historic(ShareType type) {
        long ago = 1 + (long) (HISTORY_SECONDS * Math.pow(random.nextDouble(), 1.6));
        return create(type, REFERENCE_EPOCH_SECOND - ago);
    }

    ShareRow create(ShareType type, long sharedAt) {
        String uid = newUid();
        String name = random.nextDouble() < spec.hostileShare()
                ? NamePool.HOSTILE.get(hostileCursor++ % NamePool.HOSTILE.size())
                : NamePool.realistic(type, random);
        String sessionId = type.hasSession() ? "ses_" + randomId(20) : null;
        boolean sessionIsAsset = type == ShareType.SESSION_SHARE || type == ShareType.SESSION_COLLABORATION;
        String assetId = sessionIsAsset ? sessionId : type.assetIdPrefix() + randomId(20);
        long untilReference = Math.max(0, REFERENCE_EPOCH_SECOND - sharedAt);
        long lastOperatedAt = sharedAt + (long) (untilReference * Math.pow(random.nextDouble(), 3));
        // Owner popularity is skewed: a few people share most things.
        double u = random.nextDouble();
        String owner = owners.get((int) (owners.size() * u * u));
        boolean exists = random.nextDouble() >= spec.staleShare();
        V1Permission raw = rawPermission(type);
        boolean unknownEnum = random.nextDouble() < spec.unknownEnumShare();
        // Alternate the two kinds of unknown so any tenant with two such rows shows both.
        boolean futureScope = unknownEnum && unknownEnumCursor++ % 2 == 0;
        boolean extraField = unknownEnum && !futureScope;
        return new ShareRow(uid, type, name, assetId, sharedAt, lastOperatedAt, owner, sessionId, exists, raw,
                futureScope, extraField);
    }

    private V1Permission rawPermission(ShareType type) {
        if (random.nextDouble() < spec.publicShare()) {
            return random.nextDouble() < LEGACY_SHARE_OF_PUBLIC ? V1Permission.legacyPublic(type) : type.publicV1();
        }
        return random.nextDouble() < TEAM_ONLY_SHARE_OF_PRIVATE ? V1Permission.TEAM_ONLY : V1Permission.OWNER;
    }

    private String newUid() {
        while (true) {
            String uid = "shr_" + randomId(20);
            if (!uidTaken.test(uid)) {
                return uid;
            }
        }
    }

    private String randomId(int length) {
        char[] out = new char[length];
        long bits = 0;
        for (int i = 0; i < length; i++) {
            if (i % 12 == 0) {
                bits = random.nextLong();
            }
            out[i] = ID_ALPHABET[(int) (bits & 31)];
            bits >>>= 5;
        }
        return new String(out);
    }
}
