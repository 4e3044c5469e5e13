package dev.dspm.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTests {

    @TempDir
    Path dir;

    @Test
    void theTargetChangesOnlyWhenTheWholeFileIsCommitted() throws IOException {
        Path target = Files.writeString(dir.resolve("report.json"), "yesterday");
        try (AtomicFile file = AtomicFile.create(target)) {
            file.out().write("tonight, half".getBytes(StandardCharsets.UTF_8));
            assertThat(target).as("not yet").hasContent("yesterday");
            file.out().write(", then whole".getBytes(StandardCharsets.UTF_8));
            file.commit();
        }
        assertThat(target).hasContent("tonight, half, then whole");
        assertThat(others(target)).as("no temporary file left").isEmpty();
    }

    @Test
    void aWriteThatFailsLeavesTheTargetAsItWasAndNoTemporaryFile() throws IOException {
        Path target = Files.writeString(dir.resolve("report.csv"), "yesterday");
        assertThatThrownBy(() -> {
            try (AtomicFile file = AtomicFile.create(target)) {
                file.out().write("tonight, half".getBytes(StandardCharsets.UTF_8));
                throw new IOException("disk full");
            }
        }).hasMessage("disk full");
        assertThat(target).hasContent("yesterday");
        assertThat(others(target)).isEmpty();
    }

    @Test
    void aCopyIsWholeAndLeavesNothingBehind() throws IOException {
        Path source = Files.writeString(dir.resolve("source.html"), "<p>report</p>".repeat(10_000));
        Path target = Files.createDirectories(dir.resolve("latest")).resolve("report.html");
        Files.writeString(target, "older");

        AtomicFile.copy(source, target);

        assertThat(target).hasSameBinaryContentAs(source);
        assertThat(others(target)).isEmpty();
    }

    @Test
    void aLinkReplacesTheTargetWithoutCopyingAndALaterReportLeavesIt() throws IOException {
        Path run1 = Files.createDirectories(dir.resolve("1")).resolve("report.json");
        Path latest = Files.createDirectories(dir.resolve("latest")).resolve("report.json");
        Files.writeString(latest, "an earlier run's");
        try (AtomicFile file = AtomicFile.create(run1)) {
            file.out().write("run 1".getBytes(StandardCharsets.UTF_8));
            file.commit();
        }

        AtomicFile.link(run1, latest);

        assertThat(latest).hasContent("run 1");
        assertThat(Files.isSameFile(run1, latest)).as("one file under two names, not a second copy").isTrue();
        assertThat(others(latest)).isEmpty();
        // run 1's report written again (a re-judge) is a new file: latest/ keeps what it linked until linked anew
        try (AtomicFile file = AtomicFile.create(run1)) {
            file.out().write("run 1, judged again".getBytes(StandardCharsets.UTF_8));
            file.commit();
        }
        assertThat(latest).hasContent("run 1");
        Files.delete(run1); // retention removes a run's folder; latest/ keeps its content
        assertThat(latest).hasContent("run 1");
    }

    /** The temporary files left beside the target. */
    private static Stream<Path> others(Path target) throws IOException {
        try (Stream<Path> files = Files.list(target.getParent())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList().stream();
        }
    }
}
