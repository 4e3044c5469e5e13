package dev.dspm.scanner.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the one JSON shape the simulator receives: an object whose values are strings (or null,
 * read as absent). Anything else, malformed or merely of another type, is an {@link ApiException}
 * with invalid_argument, which is what the API answers to a body it cannot use.
 */
final class JsonObjectParser {

    private final String text;
    private int at;

    private JsonObjectParser(String text) {
        this.text = text;
    }

    /** Keys in body order; a repeated key keeps its last value, as most JSON decoders do. */
    static Map<String, String> parse(String text) {
        JsonObjectParser parser = new JsonObjectParser(text);
        Map<String, String> fields = parser.object();
        parser.skipWhitespace();
        if (parser.at != text.length()) {
            throw parser.malformed("unexpected text after the object");
        }
        return fields;
    }

    private Map<String, String> object() {
        skipWhitespace();
        expect('{');
        Map<String, String> fields = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            at++;
            return fields;
        }
        while (true) {
            skipWhitespace();
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            fields.put(key, value(key));
            skipWhitespace();
            char next = next();
            if (next == '}') {
                return fields;
            }
            if (next != ',') {
                throw malformed("expected ',' or '}'");
            }
        }
    }

    private String value(String key) {
        char c = peek();
        if (c == '"') {
            return string();
        }
        if (text.startsWith("null", at)) {
            at += 4;
            return null;
        }
        if (c == '{' || c == '[' || c == '-' || (c >= '0' && c <= '9') || text.startsWith("true", at) || text.startsWith("false", at)) {
            throw new ApiException(ErrorCode.INVALID_ARGUMENT, "field \"" + key + "\" must be a string");
        }
        throw malformed("expected a value");
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw malformed("control character in a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = next();
            switch (escaped) {
                case '"', '\\', '/' -> out.append(escaped);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(hex4());
                default -> throw malformed("bad escape \\" + escaped);
            }
        }
    }

    private char hex4() {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            char c = next();
            // Character.digit would also accept non-ASCII digits, which JSON does not.
            int digit = c < 0x80 ? Character.digit(c, 16) : -1;
            if (digit < 0) {
                throw malformed("bad \\u escape");
            }
            value = value * 16 + digit;
        }
        return (char) value;
    }

    private void skipWhitespace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }

    private void expect(char wanted) {
        if (next() != wanted) {
            throw malformed("expected '" + wanted + "'");
        }
    }

    private char peek() {
        if (at >= text.length()) {
            throw malformed("unexpected end of body");
        }
        return text.charAt(at);
    }

    private char next() {
        char c = peek();
        at++;
        return c;
    }

    private ApiException malformed(String why) {
        return new ApiException(ErrorCode.INVALID_ARGUMENT, "malformed JSON body at character " + at + ": " + why);
    }
}
