package dev.dspm.scanner.manus;

import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

import dev.dspm.scanner.manus.ManusApiException.ErrorCode;

/**
 * Turns a response into its payload or into the {@link ManusApiException} it describes, in one
 * streaming pass (a scan parses about a million assets, so no tree is built). The v2 docs say to
 * read {@code ok} rather than trust the HTTP status alone: success needs both a 2xx and {@code "ok":true}. Every
 * string it reads is masked of the run's keys ({@link KeyEcho}), the body having been masked before.
 */
final class ResponseParser {

    /**
     * How deep an answer may nest. Jackson's default (500) failed every night on an unknown field nested deeper: what
     * is not read is skipped by {@code skipChildren}, which loops rather than recurses, so depth costs no stack, only
     * a small context object per level while the parser is inside it (a few MB at this bound). Known fields are
     * scalars and are read without recursion too; the bound only keeps a hostile answer's parser state small.
     */
    static final int MAX_NESTING_DEPTH = 200_000;

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build();

    private final KeyEcho echo;

    ResponseParser(KeyEcho echo) {
        this.echo = echo;
    }

    AssetPage parseList(String endpoint, int status, byte[] body, ListQuery query) {
        ListPayload<Asset> payload = new ListPayload<>(WireNames.ASSETS, query.limit(),
                p -> AssetReader.read(p, body, query.assetType(), echo));
        String requestId = readPage(endpoint, status, body, payload);
        // limit and offset are echoes; when left out (proto3 drops zeros) the request's values stand in.
        return new AssetPage(items(payload), total(payload), echo(payload.limit, query.limit()),
                echo(payload.offset, query.offset()), requestId, 0);
    }

    /**
     * A page of members. A user without {@code team_user_id} fails the page: it could not be joined to any share,
     * and storing it would make an owner look unmatched when the fault is the answer's.
     */
    UserPage parseUsers(String endpoint, int status, byte[] body, UserQuery query) {
        ListPayload<TeamUser> payload = new ListPayload<>(WireNames.USERS, query.limit(), p -> UserReader.read(p, echo));
        String requestId = readPage(endpoint, status, body, payload);
        List<TeamUser> users = items(payload);
        for (int i = 0; i < users.size(); i++) {
            String id = users.get(i).teamUserId();
            if (id == null || id.isBlank()) {
                throw ManusApiException.protocol(endpoint, status, requestId,
                        "user " + i + " of the page has no \"" + WireNames.TEAM_USER_ID + "\"", null);
            }
        }
        return new UserPage(users, total(payload), echo(payload.limit, query.limit()),
                echo(payload.offset, query.offset()), requestId, 0);
    }

    /** Reads a list answer into {@code payload}; returns its request id, or throws what the answer describes. */
    private String readPage(String endpoint, int status, byte[] body, ListPayload<?> payload) {
        Envelope envelope = read(endpoint, status, body, payload);
        String overLimit = payload.overLimit();
        if (overLimit != null) {
            throw ManusApiException.refusedAnswer(endpoint, status, envelope.requestId, overLimit);
        }
        if (payload.problem == null) {
            payload.problem = payload.missingField();
        }
        if (payload.problem != null) {
            throw ManusApiException.protocol(endpoint, status, envelope.requestId, payload.problem, null);
        }
        return envelope.requestId;
    }

    private static <T> List<T> items(ListPayload<T> payload) {
        return payload.items != null ? payload.items : List.of();
    }

    private static long total(ListPayload<?> payload) {
        return payload.total != null ? payload.total : 0;
    }

    private static int echo(Integer echoed, int requested) {
        return echoed != null ? echoed : requested;
    }

    /** Returns the request id of a successful answer (null if the server gave none). */
    String parseUpdate(String endpoint, int status, byte[] body) {
        return read(endpoint, status, body, (name, token, p) -> false).requestId;
    }

    /** Reads the envelope; returns it only for a success, otherwise throws the failure it describes. */
    private Envelope read(String endpoint, int status, byte[] body, Payload payload) {
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
                    case WireNames.REQUEST_ID -> envelope.requestId = requestId(echo.mask(scalar(p, token)));
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
            // A code the API's list leaves out (deadline_exceeded, aborted...) means what its HTTP status means.
            ErrorCode code = ErrorCode.fromWire(envelope.errorCode);
            throw ManusApiException.answered(endpoint, code == ErrorCode.UNKNOWN ? WireNames.codeForStatus(status) : code,
                    envelope.errorCode, status, envelope.requestId, envelope.errorMessage);
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

    private void readError(JsonParser p, JsonToken token, Envelope envelope) {
        if (token != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            JsonToken value = p.nextToken();
            switch (name) {
                case WireNames.ERROR_CODE -> envelope.errorCode = echo.mask(scalar(p, value));
                case WireNames.ERROR_MESSAGE -> envelope.errorMessage = echo.mask(scalar(p, value));
                default -> p.skipChildren();
            }
        }
    }

    /** Server text like any other: shortened and without control characters, before anything stores or logs it. */
    private static String requestId(String raw) {
        return raw == null ? null : ManusApiException.clean(raw, ManusApiException.MAX_REQUEST_ID);
    }

    private static String scalar(JsonParser p, JsonToken token) {
        if (token.isScalarValue() && token != JsonToken.VALUE_NULL) {
            return p.getString();
        }
        p.skipChildren();
        return null;
    }

    private static final class Envelope {
        Boolean ok;
        String requestId;
        String errorCode;
        String errorMessage;
    }

    /** The fields of a successful answer besides the envelope's own. */
    @FunctionalInterface
    interface Payload {
        /** Reads the field the parser is on, or returns false to have it skipped. */
        boolean read(String name, JsonToken token, JsonParser p);
    }
}
