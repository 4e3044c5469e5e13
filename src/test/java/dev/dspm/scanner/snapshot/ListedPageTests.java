package dev.dspm.scanner.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.dspm.scanner.manus.AssetPage;

/** The read order the seal uses to keep the later copy of a repeated uid. */
class ListedPageTests {

    @Test
    void readSeqGrowsWithTheRowWithinAPageThePageWithinAPassAndThePass() {
        long first = page(1, 0).readSeq(0);
        long laterInPage = page(1, 0).readSeq(999);
        long nextPage = page(1, 1000).readSeq(0);
        long lastOfALongPass = page(1, 999_000_000).readSeq(999);
        long nextPass = page(2, 0).readSeq(0);

        assertThat(List.of(first, laterInPage, nextPage, lastOfALongPass, nextPass)).isSorted().doesNotHaveDuplicates();
    }

    private static ListedPage page(int pass, long offset) {
        return new ListedPage(pass, offset, new AssetPage(List.of(), 0, 1000, (int) offset, "req", 0));
    }
}
