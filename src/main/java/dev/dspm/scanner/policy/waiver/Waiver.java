package dev.dspm.scanner.policy.waiver;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One entry of {@code policies/exceptions.yaml}: the shares it matches (by exactly one of share uid, owner id
 * or asset name prefix), the policy it waives ({@link #ALL_POLICIES} for every one), who approved it and why,
 * and the last day it applies. Text is kept exactly as written; whoever prints it escapes it.
 */
public record Waiver(MatchBy matchBy, String value, String policy, String justification, String approvedBy,
        LocalDate expires, Path file, int line) {

    public static final String ALL_POLICIES = "*";

    /** Longest {@link #key()}: kind, ':', value token, '/', policy token. */
    public static final int MAX_KEY_LENGTH = 11 + 1 + 64 + 1 + 64;

    /** A value written into a key as it is; anything else (long, non-ASCII, '/', '#', spaces) is hashed. */
    private static final Pattern PLAIN = Pattern.compile("[\\x21-\\x7E&&[^/#]]{1,64}");

    public enum MatchBy {
        SHARE_UID("share_uid"), OWNER_ID("owner_id"), NAME_PREFIX("name_prefix");

        private final String field;

        MatchBy(String field) {
            this.field = field;
        }

        /** The field of exceptions.yaml that selects this kind of match. */
        public String field() {
            return field;
        }
    }

    /**
     * The waiver's identity across runs and edits: its match and its policy, not its justification, approver
     * or expiry, so that extending a waiver keeps it the same waiver. Printable ASCII of at most
     * {@link #MAX_KEY_LENGTH} characters, e.g. {@code share_uid:2f0c9a/public-website-publish}; a value that
     * is long or not plain ASCII is replaced by {@code #} and 16 hex digits of its SHA-256. A name prefix is
     * keyed lower-cased, as it matches.
     */
    public String key() {
        String matched = matchBy == MatchBy.NAME_PREFIX ? value.toLowerCase(Locale.ROOT) : value;
        return matchBy.field() + ":" + token(matched) + "/" + token(policy);
    }

    /** The instant the waiver stops applying: 00:00 UTC the day after {@link #expires()}. */
    public Instant endsAt() {
        return expires.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public boolean activeAt(Instant now) {
        return now.isBefore(endsAt());
    }

    public boolean covers(String policyId) {
        return policy.equals(ALL_POLICIES) || policy.equals(policyId);
    }

    private static String token(String text) {
        if (PLAIN.matcher(text).matches()) {
            return text;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "#" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
