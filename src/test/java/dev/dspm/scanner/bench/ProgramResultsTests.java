package dev.dspm.scanner.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a measured program writes is what the harness reads back; a file it cannot read is an error, never a zero. */
class ProgramResultsTests {

    @TempDir
    Path dir;

    @Test
    void readsBackEveryFigureWritten() throws Exception {
        Path file = dir.resolve("results");
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put(ProgramResults.ROWS, 1_000_123L);
        figures.put(ProgramResults.PEAK_LIVE_HEAP, 47_185_920L);

        ProgramResults.write(file, figures);

        Map<String, Long> read = ProgramResults.read(file);
        assertThat(read).isEqualTo(figures);
        assertThat(ProgramResults.figure(read, ProgramResults.ROWS)).isEqualTo(1_000_123L);
    }

    @Test
    void aMissingFigureOrAMalformedLineIsAnError() throws Exception {
        Path file = dir.resolve("results");
        ProgramResults.write(file, Map.of(ProgramResults.PEAK_LIVE_HEAP, 1L));
        assertThatThrownBy(() -> ProgramResults.figure(ProgramResults.read(file), ProgramResults.ROWS))
                .hasMessageContaining(ProgramResults.ROWS);

        Files.writeString(file, "rows 12\n");
        assertThatThrownBy(() -> ProgramResults.read(file)).hasMessageContaining("rows 12");
        Files.writeString(file, "rows=twelve\n");
        assertThatThrownBy(() -> ProgramResults.read(file)).isInstanceOf(NumberFormatException.class);
    }
}
