package dev.dspm.scanner.manus;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A Manus API key. Only this package can read the secret; {@code toString}, {@code equals} and
 * {@code hashCode} reveal nothing of it (the hash uses the type alone, equality is constant-time).
 */
public final class ApiKey {

    private static final int FINGERPRINT_ROUNDS = 100_000;

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
     * Tells keys apart without revealing them: a failed run is resumed only with the key that started it, so two teams
     * behind one URL never mix their snapshots. 64 bits of PBKDF2-HMAC-SHA256 with the database's own random salt
     * and 100,000 iterations (about 50 ms, once a run): whoever reads the database, where the fingerprint is kept,
     * can neither use a table computed for every installation nor test guesses at the speed of a plain hash.
     */
    public String fingerprint(String salt) {
        try {
            PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), FINGERPRINT_ROUNDS, 64);
            try {
                return HexFormat.of().formatHex(SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded());
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
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
