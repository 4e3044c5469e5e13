package dev.dspm.scanner.manus;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The payload of a paged list ({@code team.asset.list}, {@code team.user.list}): the items, {@code total} and
 * the echoed {@code limit} and {@code offset}. Fields of the wrong type are recorded as a {@link #problem} (the
 * page cannot be trusted for pagination), while oddities inside an item are left to its reader.
 */
final class ListPayload<T> implements ResponseParser.Payload {

    private final String arrayName;
    private final Function<JsonParser, T> element;
    private final int maxItems;
    List<T> items;
    /** Elements the array held, those beyond {@code maxItems} counted but not read. */
    long entries;
    Long total;
    Integer limit;
    Integer offset;
    String problem;

    /**
     * @param arrayName the items' field, e.g. {@code assets}
     * @param maxItems  the page's limit: elements past it are counted and skipped, never read, so a page far longer
     *                  than asked costs no memory before it is refused
     * @param element   reads one item, called with the parser on its START_OBJECT and returning on its END_OBJECT
     */
    ListPayload(String arrayName, int maxItems, Function<JsonParser, T> element) {
        this.arrayName = arrayName;
        this.maxItems = maxItems;
        this.element = element;
    }

    /** The problem of a page holding more entries than its limit, or null. */
    String overLimit() {
        return entries > maxItems ? entries + " entries, more than the " + maxItems + " asked (limit=" + maxItems
                + "): a server that ignores the limit cannot be paged" : null;
    }

    @Override
    public boolean read(String name, JsonToken token, JsonParser p) {
        if (name.equals(arrayName)) {
            readItems(p, token);
            return true;
        }
        switch (name) {
            case WireNames.TOTAL -> total = checked(name, count(p, token));
            case WireNames.LIMIT -> limit = asInt(name, count(p, token));
            case WireNames.OFFSET -> offset = asInt(name, count(p, token));
            default -> {
                return false;
            }
        }
        return true;
    }

    private void readItems(JsonParser p, JsonToken token) {
        if (token != JsonToken.START_ARRAY) {
            p.skipChildren();
            problem = "\"" + arrayName + "\" is not an array";
            return;
        }
        List<T> list = new ArrayList<>();
        for (JsonToken next = p.nextToken(); next != JsonToken.END_ARRAY; next = p.nextToken()) {
            entries++;
            if (entries > maxItems) {
                p.skipChildren();
            } else if (next == JsonToken.START_OBJECT) {
                list.add(element.apply(p));
            } else {
                p.skipChildren();
                problem = "\"" + arrayName + "\" holds a non-object element";
            }
        }
        items = list;
    }

    /**
     * proto3 JSON leaves out zero values, so an empty result may lack the items or "total"; that is
     * accepted only when the other field confirms it, since a falsely empty page would hide rows.
     */
    String missingField() {
        if (items == null && !Long.valueOf(0).equals(total)) {
            return "ok:true but no \"" + arrayName + "\" array";
        }
        if (total == null && !items.isEmpty()) {
            return arrayName + " without \"" + WireNames.TOTAL + "\"";
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
