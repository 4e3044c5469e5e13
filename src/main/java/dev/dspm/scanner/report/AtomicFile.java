package dev.dspm.scanner.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file written under a temporary name beside its target and renamed over it only once whole: a reader (or a
 * crash) sees the previous version or the new one, never half of either. Closed without {@link #commit()},
 * the temporary file is deleted and the target left as it was.
 */
public final class AtomicFile implements AutoCloseable {

    private final Path target;
    private final Path temporary;
    private final OutputStream out;
    private boolean committed;

    private AtomicFile(Path target) throws IOException {
        this.target = target;
        this.temporary = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName() + ".", ".tmp");
        this.out = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16);
    }

    public static AtomicFile create(Path target) throws IOException {
        return new AtomicFile(target);
    }

    /** Copies {@code source} to {@code target} through a temporary name, as {@link #commit()} would. */
    static void copy(Path source, Path target) throws IOException {
        try (AtomicFile file = create(target)) {
            Files.copy(source, file.out);
            file.commit();
        }
    }

    /**
     * Puts {@code source}'s content at {@code target} as {@link #copy} does, by a hard link when the file system has
     * them: a million findings' files are gigabytes, written once rather than twice. Safe because a file of the report
     * is never changed in place (each is a new file renamed over the old), so the two names never diverge.
     */
    static void link(Path source, Path target) throws IOException {
        Path temporary = target.resolveSibling("." + target.getFileName() + ".link.tmp");
        Files.deleteIfExists(temporary);
        try {
            Files.createLink(temporary, source);
        } catch (UnsupportedOperationException | IOException noLinks) {
            copy(source, target);
            return;
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public OutputStream out() {
        return out;
    }

    /** Flushes the content to disk and renames it over the target. */
    public void commit() throws IOException {
        out.close();
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            try {
                out.close();
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
    }
}
