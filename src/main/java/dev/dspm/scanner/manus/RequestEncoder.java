package dev.dspm.scanner.manus;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/** Builds the requests' URIs and bodies from typed arguments. */
final class RequestEncoder {

    static final int MAX_LIMIT = 1000;
    private static final JsonFactory JSON = new JsonFactory();

    private RequestEncoder() {
    }

    /** {@code base} plus {@code path}, keeping any path prefix the base URL has (e.g. behind a gateway). */
    static URI endpoint(URI base, String path) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + path);
    }

    /** The list URI; null filters are left out rather than sent empty. */
    static URI listUri(URI base, ListQuery query) {
        if (query.assetType() == null) {
            throw new IllegalArgumentException("a list query needs an asset type");
        }
        requirePaging(query.limit(), query.offset());
        StringBuilder uri = new StringBuilder(endpoint(base, WireNames.LIST_PATH).toString());
        char separator = '?';
        separator = param(uri, separator, WireNames.ASSET_TYPE, query.assetType().wireName());
        separator = param(uri, separator, WireNames.KEYWORD, query.keyword());
        separator = param(uri, separator, WireNames.OWNER_ID, query.ownerId());
        separator = param(uri, separator, WireNames.START_TIME, rfc3339(query.sharedAfter()));
        separator = param(uri, separator, WireNames.END_TIME, rfc3339(query.sharedBefore()));
        separator = param(uri, separator, WireNames.PERMISSION,
                query.permission() != null ? query.permission().wireName() : null);
        separator = param(uri, separator, WireNames.LIMIT, Integer.toString(query.limit()));
        param(uri, separator, WireNames.OFFSET, Integer.toString(query.offset()));
        return URI.create(uri.toString());
    }

    /** The user list URI; null filters are left out. */
    static URI userListUri(URI base, UserQuery query) {
        requirePaging(query.limit(), query.offset());
        if (query.statusFilter() == UserStatus.UNKNOWN) {
            throw new IllegalArgumentException("cannot filter on UserStatus.UNKNOWN");
        }
        StringBuilder uri = new StringBuilder(endpoint(base, WireNames.USER_LIST_PATH).toString());
        char separator = '?';
        separator = param(uri, separator, WireNames.LIMIT, Integer.toString(query.limit()));
        separator = param(uri, separator, WireNames.OFFSET, Integer.toString(query.offset()));
        separator = param(uri, separator, WireNames.STATUS_FILTER,
                query.statusFilter() != null ? query.statusFilter().wireName() : null);
        param(uri, separator, WireNames.DELEGATION_STATE,
                query.delegationState() != null ? query.delegationState().wireName() : null);
        return URI.create(uri.toString());
    }

    static byte[] updateScopeBody(String shareUid, ShareScope permission, String note) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + (note != null ? note.length() * 3 : 0));
        try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            json.writeStartObject();
            json.writeStringProperty(WireNames.SHARE_UID, shareUid);
            json.writeStringProperty(WireNames.PERMISSION, permission.wireName());
            if (note != null) {
                json.writeStringProperty(WireNames.NOTE, note);
            }
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void requirePaging(int limit, int offset) {
        if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + " and offset >= 0, got limit="
                    + limit + " offset=" + offset);
        }
    }

    private static char param(StringBuilder uri, char separator, String name, String value) {
        if (value == null) {
            return separator;
        }
        // URLEncoder writes form encoding; a space as %20 is read the same by every server, '+' is not.
        uri.append(separator).append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
        return '&';
    }

    private static String rfc3339(Instant instant) {
        return instant != null ? DateTimeFormatter.ISO_INSTANT.format(instant) : null;
    }
}
