package dev.dspm.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class IsoTimesTests {

    @Test
    void spellsEachInstantAsItsToStringDoesAndNullAsNull() {
        IsoTimes times = new IsoTimes();
        Instant first = Instant.parse("2026-12-07T07:09:12.274861Z");
        Instant second = Instant.parse("2026-12-07T07:11:46Z");

        assertThat(times.of(first)).isEqualTo("2026-12-07T07:09:12.274861Z");
        assertThat(times.of(second)).isEqualTo("2026-12-07T07:11:46Z");
        assertThat(times.of(first)).as("asked again").isEqualTo("2026-12-07T07:09:12.274861Z");
        assertThat(times.of(null)).isNull();
    }

    @Test
    void manyDifferentInstantsAreSpelledRightPastItsBound() {
        IsoTimes times = new IsoTimes();
        Instant start = Instant.parse("2026-12-07T00:00:00Z");
        for (int i = 0; i < IsoTimes.MOST * 3; i++) {
            Instant instant = start.plusMillis(i);
            assertThat(times.of(instant)).isEqualTo(instant.toString());
        }
        assertThat(times.of(start)).isEqualTo("2026-12-07T00:00:00Z");
    }
}
