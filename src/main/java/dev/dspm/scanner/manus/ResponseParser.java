package dev.dspm.scanner.manus;

import java.util.ArrayList;
import java.util.List;

import dev.dspm.scanner.manus.ManusApiException.ErrorCode;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Turns a response into its payload or into the {@link ManusApiException} it describes, in one
 * streaming pass (a scan parses about a million assets, so no tree is built). The v2 docs say to
 * read {@code ok} rather than trust the HTTP status alone: success needs both a 2xx and {@code "ok":true}.
 */
final class ResponseParser {

    private static final JsonFactory JSON = new JsonFactory();

    private ResponseParser() {
    }

    static AssetPage parseList(String endpoint, int status, byte[] body, ListQuery query) {
        ListPayload payload = new ListPayload(body, query.assetType());
        Envelope envelope = read(endpoint, status, body, payload);
        if (payload.problem == null) {
            payload.problem = payload.missingField();
        }
        if (payload.problem != null) {
            throw ManusApiException.protocol(endpoint, status, envelope.requestId, payload.problem, null);
        }
        List<Asset> assets = payload.assets != null ? payload.assets : List.of();
        long total = payload.total != null ? payload.total : 0;
        // limit and offset are echoes; when left out (proto3 drops zeros) the request's values stand in.
        int limit = payload.limit != null ? payload.limit : query.limit();
        int offset = payload.offset != null ? payload.offset : query.offset();
        return new AssetPage(assets, total, limit, offset, envelope.requestId, 0);
    }

    /** Returns the request id of a successful answer (null if the server gave none). */
    static String parseUpdate(String endpoint, int status, byte[] body) {
        return read(endpoint, status, body, (name, token, p) -> false).requestId;
    }

    /** Reads the envelope; returns it only for a success, otherwise throws the failure it describes. */
    private static Envelope read(String endpoint, int status, byte[] body, Payload payload) {
        boolean success = status >= 200 && status < 300;
        Envelope envelope = new Envelope();
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw notEnvelope(endpoint, status, null, "the body is not a JSON object");
            }
            for (String name = p.nextName(); name != null; name = p.nextName()) {
                JsonToken token = p.nextToken();
                switch (name) {
                    case WireNames.OK -> envelope.ok = token == JsonToken.VALUE_TRUE ? Boolean.TRUE
                            : token == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
                    case WireNames.REQUEST_ID -> envelope.requestId = scalar(p, token);
                    case WireNames.ERROR -> readError(p, token, envelope);
                    default -> {
                        if (!success || !payload.read(name, token, p)) {
                            p.skipChildren();
                        }
                    }
                }
            }
            if (p.nextToken() != null) {
                throw notEnvelope(endpoint, status, envelope.requestId, "content after the JSON object");
            }
        } catch (JacksonException e) {
            throw notEnvelope(endpoint, status, envelope.requestId, "malformed JSON (" + e.getOriginalMessage() + ")");
        }
        if (success && Boolean.TRUE.equals(envelope.ok)) {
            return envelope;
        }
        if (envelope.errorCode != null) {
            throw ManusApiException.answered(endpoint, ErrorCode.fromWire(envelope.errorCode), envelope.errorCode,
                    status, envelope.requestId, envelope.errorMessage);
        }
        if (!success) {
            throw ManusApiException.answered(endpoint, WireNames.codeForStatus(status), null, status,
                    envelope.requestId, envelope.errorMessage);
        }
        throw ManusApiException.protocol(endpoint, status, envelope.requestId,
                envelope.ok == null ? "no boolean \"ok\" in a 2xx answer" : "\"ok\":false without an error code", null);
    }

    /** A body we cannot read: for an error status the status still says what happened. */
    private static ManusApiException notEnvelope(String endpoint, int status, String requestId, String problem) {
        if (status >= 200 && status < 300) {
            return ManusApiException.protocol(endpoint, status, requestId, problem, null);
        }
        return ManusApiException.answered(endpoint, WireNames.codeForStatus(status), null, status, requestId, null);
    }

    private static void readError(JsonParser p, JsonToken token, Envelope envelope) {
        if (token != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            JsonToken value = p.nextToken();
            switch (name) {
                case WireNames.ERROR_CODE -> envelope.errorCode = scalar(p, value);
                case WireNames.ERROR_MESSAGE -> envelope.errorMessage = scalar(p, value);
                default -> p.skipChildren();
            }
        }
    }

    private static String scalar(JsonParser p, JsonToken token) {
        if (token.isScalarValue() && token != JsonToken.VALUE_NULL) {
            return p.getString();
        }
        p.skipChildren();
        return null;
    }

    /** A non-negative whole number, as a JSON number or (proto3 JSON's int64 form) a decimal string. */
    private static Long count(JsonParser p, JsonToken token) {
        String digits = token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_STRING ? p.getString() : null;
        p.skipChildren();
        if (digits == null || digits.isEmpty() || digits.length() > 18) {
            return null;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return null;
            }
        }
        return Long.parseLong(digits);
    }

    private static final class Envelope {
        Boolean ok;
        String requestId;
        String errorCode;
        String errorMessage;
    }

    @FunctionalInterface
    private interface Payload {
        /** Reads the field the parser is on, or returns false to have it skipped. */
        boolean read(String name, JsonToken token, JsonParser p);
    }

    private static final class ListPayload implements Payload {
        private final byte[] body;
        private final AssetType type;
        List<Asset> assets;
        Long total;
        Integer limit;
        Integer offset;
        String problem;

        ListPayload(byte[] body, AssetType type) {
            this.body = body;
            this.type = type;
        }

        @Override
        public boolean read(String name, JsonToken token, JsonParser p) {
            switch (name) {
                case WireNames.ASSETS -> readAssets(p, token);
                case WireNames.TOTAL -> total = checked(name, count(p, token));
                case WireNames.LIMIT -> limit = asInt(name, count(p, token));
                case WireNames.OFFSET -> offset = asInt(name, count(p, token));
                default -> {
                    return false;
                }
            }
            return true;
        }

        private void readAssets(JsonParser p, JsonToken token) {
            if (token != JsonToken.START_ARRAY) {
                p.skipChildren();
                problem = "\"" + WireNames.ASSETS + "\" is not an array";
                return;
            }
            List<Asset> list = new ArrayList<>();
            for (JsonToken element = p.nextToken(); element != JsonToken.END_ARRAY; element = p.nextToken()) {
                if (element == JsonToken.START_OBJECT) {
                    list.add(AssetReader.read(p, body, type));
                } else {
                    p.skipChildren();
                    problem = "\"" + WireNames.ASSETS + "\" holds a non-object element";
                }
            }
            assets = list;
        }

        /**
         * proto3 JSON leaves out zero values, so an empty result may lack "assets" or "total"; that is
         * accepted only when the other field confirms it, since a falsely empty page would hide shares.
         */
        String missingField() {
            if (assets == null && !Long.valueOf(0).equals(total)) {
                return "ok:true but no \"" + WireNames.ASSETS + "\" array";
            }
            if (total == null && !assets.isEmpty()) {
                return "assets without \"" + WireNames.TOTAL + "\"";
            }
            return null;
        }

        private Long checked(String name, Long value) {
            if (value == null) {
                problem = "\"" + name + "\" is not a non-negative whole number";
            }
            return value;
        }

        private Integer asInt(String name, Long value) {
            if (checked(name, value) == null || value > Integer.MAX_VALUE) {
                problem = "\"" + name + "\" is not a non-negative whole number";
                return null;
            }
            return value.intValue();
        }
    }
}
