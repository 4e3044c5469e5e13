package dev.dspm.scanner.manus;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads one element of {@code users} straight off the streaming parser. Every field is optional here and one
 * of the wrong type becomes null; whether a user without an id may pass is the page's decision
 * ({@link ResponseParser#parseUsers}). Text is kept exactly as sent: names and emails are untrusted, and
 * whoever prints them escapes them for their medium.
 */
final class UserReader {

    private UserReader() {
    }

    /** Call with the parser on the object's START_OBJECT; returns with it on the matching END_OBJECT. */
    static TeamUser read(JsonParser p, KeyEcho echo) {
        String id = null;
        String email = null;
        String userName = null;
        String status = null;
        String role = null;
        String delegatedTo = null;
        String originalEmail = null;
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            JsonToken token = p.nextToken();
            switch (name) {
                case WireNames.TEAM_USER_ID -> id = echo.mask(text(p, token));
                case WireNames.EMAIL -> email = echo.mask(text(p, token));
                case WireNames.USER_NAME -> userName = echo.mask(text(p, token));
                case WireNames.STATUS -> status = text(p, token);
                case WireNames.ROLE -> role = text(p, token);
                case WireNames.DELEGATED_TO -> delegatedTo = echo.mask(text(p, token));
                case WireNames.ORIGINAL_EMAIL -> originalEmail = echo.mask(text(p, token));
                default -> p.skipChildren(); // a field this build does not know
            }
        }
        return new TeamUser(id, email, userName, UserStatus.fromWire(status), status, TeamRole.fromWire(role), role,
                delegatedTo, originalEmail);
    }

    /** A scalar's text; null for null, objects and arrays. */
    private static String text(JsonParser p, JsonToken token) {
        if (token.isScalarValue() && token != JsonToken.VALUE_NULL) {
            return p.getString();
        }
        p.skipChildren();
        return null;
    }
}
