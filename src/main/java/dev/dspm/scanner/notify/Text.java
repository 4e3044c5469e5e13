package dev.dspm.scanner.notify;

import dev.dspm.scanner.logging.InertText;

/** Tenant and policy text made safe to show: what every channel does before its own escaping. */
final class Text {

    private Text() {
    }

    /**
     * The text made inert as the console makes it ({@link InertText#line}: line breaks that would forge a line, ESC,
     * bidi overrides that would reorder one, each as U+FFFD), and at most {@code max} code points, an ellipsis marking
     * a cut; null as {@code -}.
     */
    static String printable(String text, int max) {
        if (text == null) {
            return "-";
        }
        String inert = InertText.line(text);
        if (inert.codePointCount(0, inert.length()) <= max) {
            return inert;
        }
        return inert.substring(0, inert.offsetByCodePoints(0, max)) + '\u2026';
    }

    /** A count and a noun, {@code 1 finding}, {@code 2,000 findings}. */
    static String count(long n, String noun) {
        return String.format("%,d %s%s", n, noun, n == 1 ? "" : "s");
    }
}
