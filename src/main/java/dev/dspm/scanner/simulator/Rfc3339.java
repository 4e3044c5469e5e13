package dev.dspm.scanner.simulator;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

/** RFC3339 as the API writes it (UTC, seconds, trailing Z) and as it accepts it in time bounds. */
final class Rfc3339 {

    private static final DateTimeFormatter PARSER = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
            .toFormatter();

    private Rfc3339() {
    }

    /** Hand-rolled because a million shares are formatted at start-up and DateTimeFormatter is slow. */
    static String format(long epochSecond) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        char[] out = new char[20];
        put4(out, 0, t.getYear());
        out[4] = '-';
        put2(out, 5, t.getMonthValue());
        out[7] = '-';
        put2(out, 8, t.getDayOfMonth());
        out[10] = 'T';
        put2(out, 11, t.getHour());
        out[13] = ':';
        put2(out, 14, t.getMinute());
        out[16] = ':';
        put2(out, 17, t.getSecond());
        out[19] = 'Z';
        return new String(out);
    }

    /** An offset is required, as RFC3339 requires; anything else is the client's invalid_argument. */
    static Instant parse(String parameter, String value) {
        try {
            return OffsetDateTime.parse(value, PARSER).toInstant();
        } catch (DateTimeParseException e) {
            throw new ApiException(ErrorCode.INVALID_ARGUMENT,
                    parameter + " must be an RFC3339 timestamp such as 2026-01-31T00:00:00Z");
        }
    }

    private static void put4(char[] out, int at, int value) {
        put2(out, at, value / 100);
        put2(out, at + 2, value % 100);
    }

    private static void put2(char[] out, int at, int value) {
        out[at] = (char) ('0' + value / 10);
        out[at + 1] = (char) ('0' + value % 10);
    }
}
