package dev.dspm.scanner.manus;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads one element of {@code assets} straight off the streaming parser. Every field is optional
 * and a field of the wrong type becomes null instead of failing the page: the share is still worth
 * recording, and {@code rawJson} keeps what the server actually sent.
 */
final class AssetReader {

    private AssetReader() {
    }

    /** Call with the parser on the object's START_OBJECT; returns with it on the matching END_OBJECT. */
    static Asset read(JsonParser p, byte[] body, AssetType type, KeyEcho echo) {
        int start = (int) p.currentTokenLocation().getByteOffset();
        String uid = null;
        String assetName = null;
        String assetId = null;
        String sharedAt = null;
        String lastOperatedAt = null;
        String ownerId = null;
        String sessionId = null;
        Boolean assetExists = null;
        String permission = null;
        String maxPermission = null;
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            JsonToken token = p.nextToken();
            switch (name) {
                case WireNames.UID -> uid = echo.mask(text(p, token));
                case WireNames.ASSET_NAME -> assetName = echo.mask(text(p, token));
                case WireNames.ASSET_ID -> assetId = echo.mask(text(p, token));
                case WireNames.SHARED_AT -> sharedAt = text(p, token);
                case WireNames.LAST_OPERATED_AT -> lastOperatedAt = text(p, token);
                case WireNames.OWNER_ID -> ownerId = echo.mask(text(p, token));
                case WireNames.SESSION_ID -> sessionId = echo.mask(text(p, token));
                case WireNames.ASSET_EXISTS -> assetExists = bool(p, token);
                case WireNames.PERMISSION -> permission = text(p, token);
                case WireNames.MAX_PERMISSION -> maxPermission = text(p, token);
                default -> p.skipChildren(); // unknown field: kept in rawJson only
            }
        }
        // currentLocation() is just past the closing brace, so the slice is the object's exact bytes.
        int end = (int) p.currentLocation().getByteOffset();
        return new Asset(type, uid, assetName, assetId, Rfc3339.parse(sharedAt), Rfc3339.parse(lastOperatedAt),
                ownerId, sessionId, assetExists, ShareScope.fromWire(permission), permission,
                ShareScope.fromWire(maxPermission), maxPermission,
                new RawJson(body, start, end - start));
    }

    /** A scalar's text (a number stays readable as its digits); null for null, objects and arrays. */
    private static String text(JsonParser p, JsonToken token) {
        if (token.isScalarValue() && token != JsonToken.VALUE_NULL) {
            return p.getString();
        }
        p.skipChildren();
        return null;
    }

    private static Boolean bool(JsonParser p, JsonToken token) {
        if (token == JsonToken.VALUE_TRUE) {
            return Boolean.TRUE;
        }
        if (token == JsonToken.VALUE_FALSE) {
            return Boolean.FALSE;
        }
        p.skipChildren();
        return null;
    }
}
