package dev.dspm.scanner.simulator;

import java.time.Instant;
import java.time.OffsetDateTime;
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

    /**
     * Hand-rolled (days to civil date after Howard Hinnant's algorithm) because a million shares are
     * formatted at start-up and java.time is several times slower at it. Years 0..9999 only.
     */
    static String format(long epochSecond) {
        long days = Math.floorDiv(epochSecond, 86_400L);
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
        long shifted = days + 719_468;
        long era = Math.floorDiv(shifted, 146_097);
        int dayOfEra = (int) (shifted - era * 146_097);
        int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int monthIndex = (5 * dayOfYear + 2) / 153;
        int day = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
        int month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        char[] out = new char[20];
        put2(out, 0, year / 100);
        put2(out, 2, year % 100);
        out[4] = '-';
        put2(out, 5, month);
        out[7] = '-';
        put2(out, 8, day);
        out[10] = 'T';
        put2(out, 11, secondOfDay / 3600);
        out[13] = ':';
        put2(out, 14, secondOfDay / 60 % 60);
        out[16] = ':';
        put2(out, 17, secondOfDay % 60);
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

    private static void put2(char[] out, int at, int value) {
        out[at] = (char) ('0' + value / 10);
        out[at + 1] = (char) ('0' + value % 10);
    }
}
