package dev.dspm.scanner.manus;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The exact bytes of one JSON object inside a response body, kept where they arrived: a scan stores a
 * million of them, and decoding each to a String only to encode it back to UTF-8 for the database would
 * cost a large share of the scan's CPU. Equality is by content.
 */
public record RawJson(byte[] source, int offset, int length) {

    public RawJson {
        if (offset < 0 || length < 0 || offset + length > source.length) {
            throw new IllegalArgumentException("slice [" + offset + ", " + (offset + length) + ") outside " + source.length + " bytes");
        }
    }

    public static RawJson of(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return new RawJson(bytes, 0, bytes.length);
    }

    public String text() {
        return new String(source, offset, length, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawJson that
                && Arrays.equals(source, offset, offset + length, that.source, that.offset, that.offset + that.length);
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + source[i];
        }
        return hash;
    }

    @Override
    public String toString() {
        return text();
    }
}
