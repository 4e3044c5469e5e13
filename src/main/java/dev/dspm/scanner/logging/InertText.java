package dev.dspm.scanner.logging;

/**
 * Text from the tenant or the server (a share's uid or name, an owner id, a request id, an error message) made inert
 * before a terminal shows it. A carriage return or line feed would forge a log line, ESC and the C1 controls drive
 * the terminal (an OSC sequence sets its title), and bidi overrides or zero-width characters make one uid read as
 * another. Each such character becomes U+FFFD, so the reader sees that something was there.
 */
public final class InertText {

    /**
     * The characters a line may not carry, as a regular expression: controls but tab, format characters (bidi
     * controls, zero-width characters) and the line and paragraph separators. The console's log pattern
     * ({@code logging.pattern.console} in application.properties) replaces the same class in every message.
     */
    public static final String UNSAFE_IN_A_LINE = "[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}&&[^\\t]]";

    static final char MARK = '\uFFFD';

    private InertText() {
    }

    /** The text for one line of a log or the terminal; null stays null. */
    public static String line(String text) {
        return replace(text, false);
    }

    /**
     * The text for a CSV cell, which may span lines (quoted): tab, CR and LF stay; ESC, BEL and every other control,
     * which {@code cat} would hand to the terminal, do not. Format characters stay: they are part of names.
     */
    public static String cell(String text) {
        return replace(text, true);
    }

    private static String replace(String text, boolean cell) {
        if (text == null) {
            return null;
        }
        int first = 0;
        while (first < text.length() && !unsafe(text.codePointAt(first), cell)) {
            first += Character.charCount(text.codePointAt(first));
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, first);
        for (int i = first; i < text.length();) {
            int c = text.codePointAt(i);
            if (unsafe(c, cell)) {
                out.append(MARK);
            } else {
                out.appendCodePoint(c);
            }
            i += Character.charCount(c);
        }
        return out.toString();
    }

    private static boolean unsafe(int c, boolean cell) {
        int type = Character.getType(c);
        if (type == Character.CONTROL) {
            return c != '\t' && !(cell && (c == '\r' || c == '\n'));
        }
        return !cell && (type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR);
    }
}
