package dev.dspm.scanner.manus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

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
