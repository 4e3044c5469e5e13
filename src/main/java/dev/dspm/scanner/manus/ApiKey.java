package dev.dspm.scanner.manus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Manus API key. Only this package can read the secret; {@code toString}, {@code equals} and
 * {@code hashCode} reveal nothing of it (the hash uses the type alone, equality is constant-time).
 */
public final class ApiKey {

    private final KeyType type;
    private final String secret;

    ApiKey(KeyType type, String secret) {
        if (type == null || secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("an API key needs a type and a non-empty secret");
        }
        this.type = type;
        this.secret = secret;
    }

    public KeyType type() {
        return type;
    }

    String secret() {
        return secret;
    }

    /**
     * Tells keys apart without revealing them (64 bits of a salted SHA-256): a failed run is resumed only
     * with the key that started it, so two teams behind one URL never mix their snapshots.
     */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("dspm-scanner key fingerprint\0" + secret).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiKey key && key.type == type && MessageDigest.isEqual(
                key.secret.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public String toString() {
        return "ApiKey[" + type + ", ****]";
    }
}
