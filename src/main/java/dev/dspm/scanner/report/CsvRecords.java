package dev.dspm.scanner.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;

import dev.dspm.scanner.logging.InertText;

/**
 * Writes RFC 4180 records (fields quoted when they hold a comma, a quote or a line break; CRLF between records),
 * for a writer encoding UTF-8 without a byte-order mark. A text cell that a spreadsheet would read as a formula
 * (starting with {@code = + - @}, tab or carriage return: OWASP's list) is prefixed with {@code '} and quoted, so a
 * share named {@code =HYPERLINK(...)} stays text. Controls other than tab and line breaks (ESC, BEL: what {@code cat}
 * would hand to the terminal) are replaced (see {@link InertText#cell}).
 */
final class CsvRecords {

    private final Writer out;
    /** The record being made: written in one call at its end, not two calls a cell (a million records of 23 cells). */
    private final StringBuilder record = new StringBuilder(512);
    private final IsoTimes times = new IsoTimes();

    CsvRecords(Writer out) {
        this.out = out;
    }

    void header(String header) {
        record.append(header);
        end();
    }

    /** A cell of text that may have come from the tenant or the policy pack. */
    void text(String value) {
        record.append(cell(value)).append(',');
    }

    /** A cell of the job's own making (an enum, a number): nothing to quote; null is an empty cell. */
    void plain(String value) {
        if (value != null) {
            record.append(value);
        }
        record.append(',');
    }

    /** A time as ISO-8601 UTC; null is an empty cell. */
    void time(Instant instant) {
        plain(times.of(instant));
    }

    /** The record's last cell, of text, and the end of the record. */
    void last(String value) {
        record.append(cell(value));
        end();
    }

    static String cell(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        // One pass over the chars decides both: most cells (a million findings' worth) hold neither a control
        // character nor anything to quote, and then need no code-point walk (InertText's) at all.
        boolean control = false;
        boolean quote = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c < 0xA0)) {
                quote |= c == '\n' || c == '\r';
                control |= c != '\t' && c != '\n' && c != '\r';
            } else if (c == ',' || c == '"') {
                quote = true;
            }
        }
        // the controls it replaces are none of the characters that call for quotes
        String value = control ? InertText.cell(text) : text;
        boolean formula = formulaStart(value.charAt(0));
        quote |= formula;
        if (!quote) {
            return value;
        }
        StringBuilder cell = new StringBuilder(value.length() + 8).append('"');
        if (formula) {
            cell.append('\'');
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                cell.append('"');
            }
            cell.append(c);
        }
        return cell.append('"').toString();
    }

    private static boolean formulaStart(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    private void end() {
        record.append("\r\n");
        try {
            out.write(record.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        record.setLength(0);
    }
}
