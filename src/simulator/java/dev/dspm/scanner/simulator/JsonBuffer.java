package dev.dspm.scanner.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that writes JSON as UTF-8. Reused per thread so serving a page allocates
 * nothing but the occasional growth. Strings are escaped so that the output is safe to paste into
 * HTML or a script block too: besides what JSON requires, {@code < > &} and U+2028/U+2029 become
 * {@code \\u} escapes.
 */
final class JsonBuffer {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final boolean[] ESCAPE_ASCII = new boolean[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPE_ASCII[c] = true;
        }
        for (char c : new char[] {'"', '\\', '<', '>', '&'}) {
            ESCAPE_ASCII[c] = true;
        }
    }

    private byte[] bytes;
    private int size;

    JsonBuffer(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    void reset() {
        size = 0;
    }

    int size() {
        return size;
    }

    /** The backing array; valid up to {@link #size()} until the next write. */
    byte[] array() {
        return bytes;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    @Override
    public String toString() {
        return new String(bytes, 0, size, StandardCharsets.UTF_8);
    }

    JsonBuffer raw(byte[] source) {
        ensure(source.length);
        System.arraycopy(source, 0, bytes, size, source.length);
        size += source.length;
        return this;
    }

    JsonBuffer character(char asciiChar) {
        ensure(1);
        bytes[size++] = (byte) asciiChar;
        return this;
    }

    /** Appends text the caller knows to be plain ASCII needing no escape (keys, punctuation, enum names). */
    JsonBuffer ascii(String text) {
        int length = text.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            bytes[size++] = (byte) text.charAt(i);
        }
        return this;
    }

    JsonBuffer number(long value) {
        return ascii(Long.toString(value));
    }

    JsonBuffer bool(boolean value) {
        return ascii(value ? "true" : "false");
    }

    /** Appends a JSON string literal, quotes included. */
    JsonBuffer string(String text) {
        int length = text.length();
        // Worst case is six bytes per char (a \\u escape); growing once up front keeps the loop branch-light.
        ensure(length * 6 + 2);
        byte[] out = bytes;
        int at = size;
        out[at++] = '"';
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                if (ESCAPE_ASCII[c]) {
                    at = unicodeEscape(out, at, c);
                } else {
                    out[at++] = (byte) c;
                }
            } else if (c < 0x800) {
                out[at++] = (byte) (0xC0 | (c >> 6));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            } else if (c == '\u2028' || c == '\u2029') {
                at = unicodeEscape(out, at, c);
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                out[at++] = (byte) (0xF0 | (cp >> 18));
                out[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[at++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                // A lone surrogate has no UTF-8 form; the escape keeps the exact char for a JSON decoder.
                at = unicodeEscape(out, at, c);
            } else {
                out[at++] = (byte) (0xE0 | (c >> 12));
                out[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        out[at++] = '"';
        size = at;
        return this;
    }

    private static int unicodeEscape(byte[] out, int at, char c) {
        if (c == '"' || c == '\\') {
            out[at++] = '\\';
            out[at++] = (byte) c;
            return at;
        }
        out[at++] = '\\';
        out[at++] = 'u';
        out[at++] = HEX[(c >> 12) & 0xF];
        out[at++] = HEX[(c >> 8) & 0xF];
        out[at++] = HEX[(c >> 4) & 0xF];
        out[at++] = HEX[c & 0xF];
        return at;
    }

    private void ensure(int extra) {
        if (size + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
        }
    }
}
