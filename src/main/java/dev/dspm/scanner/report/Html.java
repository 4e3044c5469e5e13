package dev.dspm.scanner.report;

import java.io.IOException;
import java.io.Writer;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import dev.dspm.scanner.findings.FindingStatus;
import dev.dspm.scanner.policy.Severity;

/**
 * Writes a page's markup straight to a writer, every piece of text escaped on the way: the one place report text
 * becomes HTML. {@link #raw} takes only markup this package spells out itself, never a value read from a tenant.
 */
final class Html {

    /** Tenant text longer than this (in code points) is cut for display, the full value in the tooltip. */
    static final int DISPLAY_CODE_POINTS = 80;
    /** A tooltip is bounded too: a hostile name must not make every row of the page megabytes long. */
    static final int TOOLTIP_CODE_POINTS = 2_000;

    private static final String ELLIPSIS = "\u2026";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(java.time.ZoneOffset.UTC);

    private final Writer out;
    /**
     * One format for the page's numbers: {@code String.format("%,d")} looked up the locale's symbols on every call,
     * a fifth of the page's time at a million findings (its filters count each owner's and each name's findings).
     */
    private final NumberFormat numbers = NumberFormat.getIntegerInstance(Locale.ROOT);

    Html(Writer out) {
        this.out = out;
    }

    /** Markup written as given: literals of this package only. */
    Html raw(String markup) throws IOException {
        out.write(markup);
        return this;
    }

    /** Text or an attribute value, escaped; null writes nothing. */
    Html text(String value) throws IOException {
        if (value != null) {
            escape(value, 0, value.length());
        }
        return this;
    }

    Html number(long value) throws IOException {
        out.write(numbers.format(value));
        return this;
    }

    /**
     * Text a tenant chose (a name, an owner id, a raw scope): isolated in {@code <bdi>} so right-to-left text
     * neither reorders nor is reordered by what surrounds it, cut to {@link #DISPLAY_CODE_POINTS} with the full
     * value in a tooltip; a missing value shows as a dash.
     */
    Html tenant(String value) throws IOException {
        if (value == null) {
            return raw("<span class=\"none\">\u2014</span>");
        }
        String shown = shortened(value, DISPLAY_CODE_POINTS);
        if (shown.equals(value)) {
            return raw("<bdi>").text(value).raw("</bdi>");
        }
        return raw("<bdi title=\"").text(shortened(value, TOOLTIP_CODE_POINTS)).raw("\">").text(shown).raw("</bdi>");
    }

    Html severity(Severity severity) throws IOException {
        return raw("<span class=\"badge sev-" + severity.name().toLowerCase(Locale.ROOT) + "\">" + severity + "</span>");
    }

    Html status(FindingStatus status) throws IOException {
        return raw("<span class=\"badge st-" + status.name().toLowerCase(Locale.ROOT) + "\">" + status + "</span>");
    }

    /** A time as ISO-8601 UTC to the second; a dash when missing. */
    Html time(Instant time) throws IOException {
        return time == null ? raw("\u2014") : raw(iso(time));
    }

    /** The date of a time, with the full time in the tooltip and the datetime attribute (which sorting reads). */
    Html date(Instant time) throws IOException {
        if (time == null) {
            return raw("\u2014");
        }
        String iso = iso(time);
        return raw("<time datetime=\"" + iso + "\" title=\"" + iso + "\">" + DATE.format(time) + "</time>");
    }

    static String iso(Instant time) {
        return DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.SECONDS));
    }

    /** The value itself when at most {@code max} code points long, else its first {@code max} and an ellipsis. */
    static String shortened(String value, int max) {
        int cut = cut(value, max);
        return cut == value.length() ? value : value.substring(0, cut) + ELLIPSIS;
    }

    /** The char index just after {@code max} code points of {@code value}: never inside a surrogate pair. */
    static int cut(String value, int max) {
        if (value.length() <= max) {
            return value.length();
        }
        if (value.codePointCount(0, value.length()) <= max) {
            return value.length();
        }
        return value.offsetByCodePoints(0, max);
    }

    /** Writes runs of safe characters at once and a visible, inert replacement for each other one. */
    private void escape(String s, int from, int to) throws IOException {
        int run = from;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            }
            String replacement = replacement(c);
            if (replacement != null) {
                out.write(s, run, i - run);
                out.write(replacement);
                run = i + 1;
            }
        }
        out.write(s, run, to - run);
    }

    /**
     * Null for a character written as itself. Markup characters become entities; C0 controls their Control
     * Pictures (U+2400 block, DEL too) and C1 controls a visible code; bidi embeddings, overrides and isolates a
     * visible code too, since an unpaired override can make {@code evil\u202Efdp.exe} read as a PDF; a lone
     * surrogate the replacement character (a UTF-8 encoder could not write it).
     */
    static String replacement(char c) {
        switch (c) {
            case '&': return "&amp;";
            case '<': return "&lt;";
            case '>': return "&gt;";
            case '"': return "&quot;";
            case '\'': return "&#39;";
            default: break;
        }
        if (c < 0x20) {
            return String.valueOf((char) (0x2400 + c));
        }
        if (c == 0x7F) {
            return "\u2421";
        }
        if (c >= 0x80 && c <= 0x9F || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069) {
            return String.format(Locale.ROOT, "[U+%04X]", (int) c);
        }
        if (Character.isSurrogate(c)) {
            return "\uFFFD";
        }
        return null;
    }
}
