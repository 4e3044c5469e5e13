package dev.dspm.scanner.manus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339Tests {

    @Test
    void agreesWithTheJdkOnRandomTimestampsInEveryShape() {
        SplittableRandom random = new SplittableRandom(3339);
        DateTimeFormatter[] shapes = {
                DateTimeFormatter.ISO_INSTANT,
                DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX"),
                DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX"),
                DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX") };
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(0, 4_102_444_800L), random.nextInt(1_000_000_000));
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextInt(-36, 37) * 1800);
            String text = OffsetDateTime.ofInstant(instant, offset).format(shapes[i % shapes.length]);
            Instant expected = DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from);
            assertThat(Rfc3339.parse(text)).as(text).isEqualTo(expected);
        }
    }

    @Test
    void acceptsWhatRfc3339Allows() {
        assertThat(Rfc3339.parse("2024-02-29t10:00:00z")).isEqualTo(Instant.parse("2024-02-29T10:00:00Z"));
        assertThat(Rfc3339.parse("2024-05-01T00:30:00-01:30")).isEqualTo(Instant.parse("2024-05-01T02:00:00Z"));
        assertThat(Rfc3339.parse("2016-12-31T23:59:60Z")).isEqualTo(Instant.parse("2016-12-31T23:59:59Z"));
        assertThat(Rfc3339.parse("2024-05-01T12:00:00.123456789123Z"))
                .isEqualTo(Instant.parse("2024-05-01T12:00:00.123456789Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "yesterday", "2024-05-01", "2024-05-01T12:00:00", "2024-02-30T00:00:00Z",
            "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-05-01T24:00:00Z", "2024-05-01T12:60:00Z",
            "2024-05-01T12:00:00.Z", "2024-05-01T12:00:00+2400", "2024-05-01T12:00:00Z ",
            "２０２４-05-01T12:00:00Z",
            "2024-05-01 12:00:00Z" })
    void malformedIsNullNotAnError(String text) {
        assertThat(Rfc3339.parse(text)).isNull();
    }
}
