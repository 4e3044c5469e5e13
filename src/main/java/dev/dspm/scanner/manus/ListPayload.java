package dev.dspm.scanner.manus;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The payload of {@code team.asset.list}: the assets, {@code total} and the echoed {@code limit} and
 * {@code offset}. Fields of the wrong type are recorded as a {@link #problem} (the page cannot be trusted
 * for pagination), while oddities inside an asset are left to {@link AssetReader}.
 */
final class ListPayload implements ResponseParser.Payload {

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
}
