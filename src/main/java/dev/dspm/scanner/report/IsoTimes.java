package dev.dspm.scanner.report;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The ISO-8601 text of instants, each made once: a night's findings share a handful of first- and last-seen times, and
 * {@link Instant#toString()} for each time of a million findings was 5–7% of the report's CPU (a flight recording).
 * One per file's writer (it is not thread-safe); it forgets everything when full, so unlike times cost no memory.
 */
final class IsoTimes {

    static final int MOST = 4_096;

    private final Map<Instant, String> texts = new HashMap<>();

    /** The instant as {@link Instant#toString()} writes it; null for null. */
    String of(Instant instant) {
        if (instant == null) {
            return null;
        }
        String text = texts.get(instant);
        if (text == null) {
            if (texts.size() == MOST) {
                texts.clear();
            }
            text = instant.toString();
            texts.put(instant, text);
        }
        return text;
    }
}
