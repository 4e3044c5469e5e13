package dev.dspm.scanner.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A row prepared for serving: its JSON rendered once, split around the two permission fields, the only
 * ones that change without the row changing (overrides, global control). A page is then mostly array
 * copies. The arrays are never written after construction.
 */
record StoredShare(ShareRow row, String nameLower, byte[] head, byte[] tail) {

    private static final byte[] BETWEEN_SCOPES = "\",\"max_permission\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PLAIN_TAIL = "\"}".getBytes(StandardCharsets.US_ASCII);
    /** The extra field a newer server might send; its name and value are arbitrary. */
    private static final byte[] EXTRA_FIELD_TAIL = "\",\"labels\":[\"x\"]}".getBytes(StandardCharsets.US_ASCII);

    static StoredShare of(ShareRow row, JsonBuffer scratch) {
        scratch.reset();
        scratch.ascii("{\"uid\":").string(row.uid())
                .ascii(",\"asset_name\":").string(row.assetName())
                .ascii(",\"asset_id\":").string(row.assetId())
                .ascii(",\"shared_at\":\"").ascii(Rfc3339.format(row.sharedAt()))
                .ascii("\",\"last_operated_at\":\"").ascii(Rfc3339.format(row.lastOperatedAt()))
                .ascii("\",\"owner_id\":").string(row.ownerId());
        if (row.sessionId() != null) {
            scratch.ascii(",\"session_id\":").string(row.sessionId());
        }
        scratch.ascii(",\"asset_exists\":").bool(row.assetExists()).ascii(",\"permission\":\"");
        return new StoredShare(row, NamePool.lowerCase(row.assetName()), scratch.toByteArray(),
                row.extraField() ? EXTRA_FIELD_TAIL : PLAIN_TAIL);
    }

    String uid() {
        return row.uid();
    }

    /** The API's rule: the cap (override, else global control) limits the stored scope. */
    Scope effective(Scope max) {
        return row.rawScope().min(max);
    }

    void writeTo(JsonBuffer out, Scope max) {
        out.raw(head).raw(effective(max).wireBytes()).raw(BETWEEN_SCOPES).raw(max.wireBytes()).raw(tail);
    }

    /** As {@link #writeTo(JsonBuffer, Scope)}, with {@code field} ({@code ,"name":value}) before the closing brace. */
    void writeTo(JsonBuffer out, Scope max, String field) {
        out.raw(head).raw(effective(max).wireBytes()).raw(BETWEEN_SCOPES).raw(max.wireBytes())
                .raw(Arrays.copyOf(tail, tail.length - 1)).ascii(field).character('}');
    }

    ListedShare toListed(Scope max) {
        return new ListedShare(row.uid(), row.type().wire(), row.assetName(), row.assetId(),
                Rfc3339.format(row.sharedAt()), Rfc3339.format(row.lastOperatedAt()), row.ownerId(),
                row.sessionId(), row.assetExists(), effective(max).wire(), max.wire());
    }
}
