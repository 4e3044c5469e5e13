package dev.dspm.scanner.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ListOrderTests {

    @Test
    void sortsNewestFirstThenByUidEvenWithManyEqualTimes() {
        SplittableRandom random = new SplittableRandom(5);
        JsonBuffer scratch = new JsonBuffer(256);
        StoredShare[] rows = new StoredShare[5_000];
        for (int i = 0; i < rows.length; i++) {
            // Few distinct seconds, so most rows tie on time and the uid decides.
            long sharedAt = 1_700_000_000L + random.nextInt(50);
            String uid = "shr_" + Long.toString(random.nextLong() >>> 1, 32);
            rows[i] = StoredShare.of(new ShareRow(uid, ShareType.FILE_SHARE, "n", "fil_1", sharedAt, sharedAt,
                    "usr_1", "ses_1", true, V1Permission.OWNER, false, false), scratch);
        }
        StoredShare[] expected = rows.clone();
        Arrays.sort(expected, ListOrder.COMPARATOR);

        ListOrder.sort(rows);

        assertThat(rows).containsExactly(expected);
    }
}
