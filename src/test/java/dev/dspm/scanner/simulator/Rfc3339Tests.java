package dev.dspm.scanner.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class Rfc3339Tests {

    @Test
    void formatsLikeIsoInstantAtSecondPrecision() {
        long[] edges = {0, 951_782_400L, 951_868_799L, 4_107_542_400L, 1_798_761_600L, -1, 253_402_300_799L};
        for (long second : edges) {
            assertThat(Rfc3339.format(second)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(second)));
        }
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            long second = random.nextLong(0, 253_402_300_800L);
            assertThat(Rfc3339.format(second)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(second)));
        }
    }

    @Test
    void parsesOffsetsFractionsAndLowerCase() {
        assertThat(Rfc3339.parse("start_time", "2026-01-31T00:00:00Z")).isEqualTo(Instant.parse("2026-01-31T00:00:00Z"));
        assertThat(Rfc3339.parse("start_time", "2026-01-31T02:00:00.5+02:00")).isEqualTo(Instant.parse("2026-01-31T00:00:00.5Z"));
        assertThat(Rfc3339.parse("start_time", "2026-01-31t00:00:00z")).isEqualTo(Instant.parse("2026-01-31T00:00:00Z"));
    }

    @Test
    void refusesATimestampWithoutOffset() {
        assertThatThrownBy(() -> Rfc3339.parse("end_time", "2026-01-31T00:00:00"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).startsWith("end_time");
                });
    }

    @Test
    void fractionalBoundsRoundToTheSecondsRowsAreStoredIn() {
        assertThat(ListFilter.fromInclusive(Instant.parse("2026-01-01T00:00:00Z"))).isEqualTo(1_767_225_600L);
        assertThat(ListFilter.fromInclusive(Instant.parse("2026-01-01T00:00:00.1Z"))).isEqualTo(1_767_225_601L);
        assertThat(ListFilter.beforeExclusive(Instant.parse("2026-01-01T00:00:00Z"))).isEqualTo(1_767_225_600L);
        assertThat(ListFilter.beforeExclusive(Instant.parse("2026-01-01T00:00:00.1Z"))).isEqualTo(1_767_225_601L);
    }
}
