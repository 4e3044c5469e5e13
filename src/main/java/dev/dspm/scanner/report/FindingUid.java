package dev.dspm.scanner.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A finding's identity across runs, for the tools that track findings by an id of their own (a SIEM's
 * {@code finding_info.uid}, SARIF's {@code partialFingerprints}): the same tenant, share and policy give the same id
 * every night. A digest rather than the text itself: the share uid and the tenant are the API's and the user's
 * text, of any length and content, and the id must be short, fixed and safe wherever it is pasted.
 */
final class FindingUid {

    private static final HexFormat HEX = HexFormat.of();

    private FindingUid() {
    }

    /** The first 128 bits of SHA-256 over the three texts, each prefixed by its length so that no two triples collide. */
    static String of(String tenant, String shareUid, String policyId) {
        return of(sha256(), tenant, shareUid, policyId);
    }

    /**
     * The same with a digest the caller keeps for a whole file: looking one up for each of a million findings costs
     * more than the hashing. Not for two threads at once.
     */
    static String of(MessageDigest sha256, String tenant, String shareUid, String policyId) {
        for (String part : new String[] { tenant, shareUid, policyId }) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            sha256.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            sha256.update(bytes);
        }
        return HEX.formatHex(sha256.digest(), 0, 16);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
