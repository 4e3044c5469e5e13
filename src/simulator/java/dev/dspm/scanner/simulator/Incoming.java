package dev.dspm.scanner.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;

/** A request as read off the wire, before any decision about it. */
record Incoming(String method, String path, Map<String, String> query, String body, boolean bodyTooLarge,
                KeyType keyType, String apiKey) {

    /** update_scope bodies are a few hundred bytes; anything near this is not a real client. */
    private static final int MAX_BODY_BYTES = 64 * 1024;

    static Incoming read(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        boolean tooLarge = body.length > MAX_BODY_BYTES;
        return new Incoming(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                query(exchange.getRequestURI().getRawQuery()),
                tooLarge ? "" : new String(body, StandardCharsets.UTF_8),
                tooLarge,
                KeyType.of(exchange.getRequestHeaders().getFirst(ApiNames.API_KEY_HEADER)),
                exchange.getRequestHeaders().getFirst(ApiNames.API_KEY_HEADER));
    }

    boolean isList() {
        return ApiNames.LIST_PATH.equals(path);
    }

    boolean isUserList() {
        return ApiNames.USER_LIST_PATH.equals(path);
    }

    /** A page of either list: what failAfter and beforeListRequest count. */
    boolean isAnyList() {
        return isList() || isUserList();
    }

    boolean isUpdateScope() {
        return ApiNames.UPDATE_SCOPE_PATH.equals(path) && method.equals("POST");
    }

    RecordedRequest recorded(int status, long receivedAtNanos) {
        return new RecordedRequest(method, path, query, body, keyType.name(), status, receivedAtNanos);
    }

    /** Form-style decoding; a repeated parameter keeps its first value. */
    private static Map<String, String> query(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            query.putIfAbsent(name, value);
        }
        return Collections.unmodifiableMap(query);
    }

    /** A broken %-escape is kept as sent; validation then rejects it like any other bad value. */
    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
