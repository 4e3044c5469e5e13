package dev.dspm.scanner.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The public tenant is sized for at least the findings asked, from the ratio the default pack finds in a small one. */
class FindingsPerShareTests {

    @Test
    void aTenantOfTheSizeGivenHasAtLeastTheFindingsAsked() {
        for (double perShare : new double[] { 0.37, 1.0, 1.3, 2.71 }) {
            int shares = FindingsPerShare.sharesFor(1_000_000, perShare);
            assertThat(shares * perShare).isGreaterThanOrEqualTo(1_000_000 * FindingsPerShare.MARGIN - perShare);
            assertThat(shares * perShare).isLessThan(1_000_000 * FindingsPerShare.MARGIN + perShare);
        }
        assertThatThrownBy(() -> FindingsPerShare.sharesFor(10, 0)).hasMessageContaining("finds nothing");
    }

    @Test
    void everyShareOfThePublicTenantIsAFindingAtLeastOnce() {
        double perShare = FindingsPerShare.measure(Path.of("policies"), 2_000, Instant.parse("2026-11-26T00:00:00Z"));

        assertThat(perShare).isBetween(1.0, 2.0);
    }
}
