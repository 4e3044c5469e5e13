package dev.dspm.scanner.report;

import java.util.HashMap;
import java.util.Map;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.util.JsonGeneratorDelegate;

/**
 * A generator that writes each property name from bytes escaped once, not again for every object. The report's JSON
 * files name the same few dozen properties in each of a million objects: escaping the names was half of all the JSON
 * escaping, and that a third of the report's CPU (a flight recording of a million-finding report). Every name is the
 * code's own (a constant, an enum's name, a constant with a suffix), never tenant text, so the names are few; a bound
 * keeps it so should that ever change, past which a name is escaped each time as before.
 */
final class EncodedNames extends JsonGeneratorDelegate {

    static final int MOST = 1_024;

    private final Map<String, SerializableString> names = new HashMap<>();

    EncodedNames(JsonGenerator json) {
        super(json, true);
    }

    @Override
    public JsonGenerator writeName(String name) {
        SerializableString encoded = names.get(name);
        if (encoded == null) {
            if (names.size() == MOST) {
                delegate.writeName(name);
                return this;
            }
            encoded = new SerializedString(name);
            names.put(name, encoded);
        }
        delegate.writeName(encoded);
        return this;
    }
}
