package dev.dspm.scanner.report;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test class whose tests each get a fresh tab of one headless Chromium, launched once per class by its first
 * test (rather than in @BeforeAll, so that a skip without Chromium shows as skipped tests) and closed after the last.
 */
abstract class InChromium {

    private static Chromium chromium;

    Page page;

    @AfterAll
    static void stopChromium() {
        if (chromium != null) {
            chromium.close();
            chromium = null;
        }
    }

    @BeforeEach
    void openTab() {
        if (chromium == null) {
            chromium = Chromium.launch();
        }
        page = chromium.newPage();
    }

    @AfterEach
    void closeTab() {
        if (page != null) {
            page.close();
        }
    }
}
