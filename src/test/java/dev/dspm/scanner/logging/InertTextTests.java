package dev.dspm.scanner.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** What a hostile uid, name or request id can no longer do to a terminal or a log. */
class InertTextTests {

    private static final String HOSTILE = "uid\r\n06:00:00.000 INFO  forged\u001b]0;pwned\u0007\u009b31m\u202Eexe.txt\u2066\u200B\u2028x\u00AD";

    @Test
    void aLineKeepsNoControlFormatOrSeparatorCharacterButTab() {
        assertThat(InertText.line(HOSTILE)).isEqualTo(
                "uid\uFFFD\uFFFD06:00:00.000 INFO  forged\uFFFD]0;pwned\uFFFD\uFFFD31m\uFFFDexe.txt\uFFFD\uFFFD\uFFFDx\uFFFD");
        assertThat(InertText.line("a\tb")).isEqualTo("a\tb");
        assertThat(InertText.line("\uDB40\uDC01tag")).isEqualTo("\uFFFDtag");
        assertThat(InertText.line("Gehälter 2026 工资表 \uD83D\uDE80")).isEqualTo("Gehälter 2026 工资表 \uD83D\uDE80");
        assertThat(InertText.line(null)).isNull();
    }

    @Test
    void aCsvCellKeepsLineBreaksAndNamesButNoTerminalControl() {
        assertThat(InertText.cell("a\r\nb\tc\u001b[2Jd\u0007e\u009bf\u200Dg\u202Eh")).isEqualTo("a\r\nb\tc\uFFFD[2Jd\uFFFDe\uFFFDf\u200Dg\u202Eh");
    }

    @Test
    void theConsolePatternReplacesTheSameCharacters() throws IOException {
        Properties settings = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            settings.load(in);
        }
        assertThat(settings.getProperty("logging.pattern.console"))
                .contains("%replace(%msg){'" + InertText.UNSAFE_IN_A_LINE + "','\uFFFD'}");
        assertThat(HOSTILE.replaceAll(InertText.UNSAFE_IN_A_LINE, "\uFFFD")).isEqualTo(InertText.line(HOSTILE));
    }
}
