package dev.dspm.scanner.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.dspm.scanner.manus.Asset;
import dev.dspm.scanner.manus.AssetPage;
import dev.dspm.scanner.manus.AssetType;
import dev.dspm.scanner.manus.RawJson;

/** What a chunk tells the ledger: its whole cost, and the totals of the pass being read. */
class PassTallyTests {

    @Test
    void aChunkSpanningTwoPassesCountsEveryPageButTakesTotalsFromTheCurrentPassOnly() {
        PassTally tally = PassTally.of(List.of(page(1, 300, 3, 2), page(2, 280, 2, 1), page(2, 280, 1, 0)), 2);

        assertThat(tally).isEqualTo(new PassTally(2, 3, 3, 6, 280, 280, false));
    }

    /** A first total of 0 is a total like any other: a later 5 is a move. */
    @Test
    void aFirstTotalOfZeroIsKeptAndALaterTotalIsAMove() {
        PassTally tally = PassTally.of(List.of(page(1, 0, 0, 0), page(1, 5, 2, 0)), 1);

        assertThat(tally).isEqualTo(new PassTally(1, 2, 0, 2, 0, 5, true));
    }

    private static ListedPage page(int pass, long total, int rows, int throttled) {
        Asset asset = new Asset(AssetType.FILE_SHARE, "shr_a", "a", "fil_1", Instant.EPOCH, null, "usr_1", null, true,
                null, null, null, null, RawJson.of("{}"));
        return new ListedPage(pass, 0, new AssetPage(Collections.nCopies(rows, asset), total, 100, 0, "req", throttled));
    }
}
