package dev.dspm.scanner.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The page's script and style, read once from the jar and inlined; the page's Content-Security-Policy allows
 * exactly these two by their SHA-256, so no other inline script or style would run even if escaping ever failed.
 */
final class HtmlAssets {

    static final Asset SCRIPT = load("report.js", "</script");
    static final Asset STYLE = load("report.css", "</style");

    private HtmlAssets() {
    }

    /** @param source the text as inlined, @param hash its CSP source expression {@code 'sha256-…'} */
    record Asset(String source, String hash) {
    }

    /** The policy in full: nothing may be loaded, only the two inlined assets run or apply. */
    static String contentSecurityPolicy() {
        return "default-src 'none'; script-src " + SCRIPT.hash() + "; style-src " + STYLE.hash()
                + "; base-uri 'none'; form-action 'none'";
    }

    static String sha256(String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static Asset load(String name, String closingTag) {
        try (InputStream in = HtmlAssets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("report asset " + name + " is missing from the build");
            }
            String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // Inlined text that ended its own element early (or began an HTML comment inside a script, which
            // changes where it ends) would leave the rest of it to the HTML parser.
            String lower = source.toLowerCase(java.util.Locale.ROOT);
            if (lower.contains(closingTag) || lower.contains("<!--")) {
                throw new IllegalStateException("report asset " + name + " must not contain " + closingTag + " or <!--");
            }
            return new Asset(source, sha256(source));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read report asset " + name, e);
        }
    }
}
