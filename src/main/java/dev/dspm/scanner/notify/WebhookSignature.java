package dev.dspm.scanner.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.dspm.scanner.config.ConfigurationException;

/**
 * The Standard Webhooks signature: {@code v1,} and the base64 of HMAC-SHA256, keyed with the base64-decoded part of
 * the {@code whsec_} secret, over {@code <webhook-id>.<webhook-timestamp>.<body>}.
 */
final class WebhookSignature {

    static final String PREFIX = "whsec_";
    private static final String SETTING = NotifySettings.PREFIX + "webhook.secret";

    private WebhookSignature() {
    }

    /** The key a secret holds; exit 2, naming the setting and never its value, when it is not a whsec_ secret. */
    static byte[] check(String secret) {
        if (!secret.startsWith(PREFIX)) {
            throw new ConfigurationException(SETTING + " must start with " + PREFIX + " (a Standard Webhooks secret)");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(SETTING + ": the part after " + PREFIX + " is not base64");
        }
        if (key.length < 24 || key.length > 64) {
            throw new ConfigurationException(SETTING + " must hold 24 to 64 random bytes after " + PREFIX + ", it holds "
                    + key.length);
        }
        return key;
    }

    static String sign(String secret, String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(check(secret), "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
