package dev.dspm.scanner.manus;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Masks this run's keys wherever a server repeats them. The server holds every key it is sent; what must not happen
 * is that it hands one back into what this job writes for others to read: a log line, the database (a request id, a
 * share's raw JSON), a report. Every answer body is masked before it is read, as the key is spelt there (plainly or
 * JSON-escaped); every string read from it is masked again after decoding, for a key spelt with {@code \\u} escapes.
 */
final class KeyEcho {

    static final String MASK = "****";
    static final int MIN_RAW_LENGTH = 8;

    private final List<String> secrets;
    /** Each key as it may stand in a body, plainly and JSON-escaped: ASCII, so the same in UTF-8 and Latin-1. */
    private final List<String> spellings;

    KeyEcho(List<String> secrets) {
        this.secrets = List.copyOf(secrets);
        Set<String> spellings = new LinkedHashSet<>();
        // A key shorter than this could be a word of JSON itself ("ok", "true"): masking it in the raw body would break
        // the answer. Such a key is still masked in every string read from the body, below; real keys are far longer.
        for (String secret : secrets.stream().filter(secret -> secret.length() >= MIN_RAW_LENGTH).toList()) {
            // as written, as a JSON encoder writes it, and as one that also escapes the slash writes it
            String escaped = secret.replace("\\", "\\\\").replace("\"", "\\\"");
            spellings.addAll(List.of(secret, escaped, escaped.replace("/", "\\/")));
        }
        this.spellings = List.copyOf(spellings);
    }

    /** Overwrites every key in the body with {@code *} (its length kept, so the JSON stays valid); returns the body. */
    byte[] mask(byte[] body) {
        if (spellings.isEmpty()) {
            return body;
        }
        // One byte a char: String.indexOf then searches the page with the JDK's vectorised intrinsic.
        String bytes = new String(body, StandardCharsets.ISO_8859_1);
        for (String spelling : spellings) {
            for (int at = bytes.indexOf(spelling); at >= 0; at = bytes.indexOf(spelling, at + spelling.length())) {
                Arrays.fill(body, at, at + spelling.length(), (byte) '*');
            }
        }
        return body;
    }

    /** The text with every key replaced by {@value #MASK}; null stays null. */
    String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : secrets) {
            if (masked.length() >= secret.length() && masked.contains(secret)) {
                masked = masked.replace(secret, MASK);
            }
        }
        return masked;
    }
}
