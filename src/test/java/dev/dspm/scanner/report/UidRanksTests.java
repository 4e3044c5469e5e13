package dev.dspm.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The previous night's ranks by uid hash: every one put is found, a shared hash keeps the narrower, none is 0. */
class UidRanksTests {

    @Test
    void everyRankPutIsFoundPastTheExpectedSizeAndAnAbsentOneIsZero() {
        UidRanks ranks = new UidRanks(8);
        Map<String, Integer> put = new HashMap<>();
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            String uid = "shr_" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
            int rank = 1 + random.nextInt(2);
            put.put(uid, rank);
            ranks.put(UidRanks.hash(uid), rank);
        }
        put.forEach((uid, rank) -> assertThat(ranks.get(UidRanks.hash(uid))).as(uid).isEqualTo(rank));
        assertThat(ranks.get(UidRanks.hash("shr_not_put"))).isZero();
    }

    @Test
    void twoUidsOfOneHashKeepTheNarrowerRankWhicheverCameFirst() {
        UidRanks ranks = new UidRanks(8);
        ranks.put(42L, 2);
        ranks.put(42L, 1);
        ranks.put(43L, 1);
        ranks.put(43L, 2);
        assertThat(ranks.get(42L)).isEqualTo(1);
        assertThat(ranks.get(43L)).isEqualTo(1);
    }

    @Test
    void aHashIsNeverTheFreeSlotsZeroAndTellsNearUidsApart() {
        assertThat(UidRanks.hash("")).isNotZero();
        assertThat(UidRanks.hash("shr_a")).isNotEqualTo(UidRanks.hash("shr_b")).isNotZero();
        assertThat(UidRanks.hash("shr_ab")).isNotEqualTo(UidRanks.hash("shr_ba"));
    }
}
