package dev.dspm.scanner.simulator;

/** The v2 response envelope: {@code ok} and {@code request_id} first, then the payload or the error. */
final class Envelope {

    private Envelope() {
    }

    /** Opens a success object; the caller appends {@code ,"field":value} pairs and the closing brace. */
    static JsonBuffer beginOk(JsonBuffer out, String requestId) {
        return out.ascii("{\"ok\":true,\"request_id\":").string(requestId);
    }

    static JsonBuffer error(JsonBuffer out, String requestId, String code, String message) {
        return out.ascii("{\"ok\":false,\"request_id\":").string(requestId)
                .ascii(",\"error\":{\"code\":").string(code)
                .ascii(",\"message\":").string(message)
                .ascii("}}");
    }
}
