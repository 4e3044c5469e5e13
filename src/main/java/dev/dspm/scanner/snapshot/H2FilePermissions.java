package dev.dspm.scanner.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The default database is an H2 file holding the team's whole inventory; the reports are the owner's alone (0600),
 * and so is it: the folder this job creates for it is 0700, before H2 opens it, and the database's files are 0600
 * once open (a folder that was already there, e.g. from an older version, keeps its mode; its files do not).
 */
@Component
class H2FilePermissions implements BeanPostProcessor {

    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private final Optional<Path> database;

    H2FilePermissions(@Value("${spring.datasource.url:}") String url) {
        this.database = fileOf(url);
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource && database.isPresent() && posix()) {
            Path base = database.get().toAbsolutePath();
            try {
                if (!Files.isDirectory(base.getParent())) {
                    Files.createDirectories(base.getParent(), PosixFilePermissions.asFileAttribute(FOLDER));
                }
                // H2 appends to its trace file, keeping its mode, and may begin one as late as when it closes
                Path trace = base.resolveSibling(base.getFileName() + ".trace.db");
                if (!Files.exists(trace)) {
                    Files.createFile(trace, PosixFilePermissions.asFileAttribute(FILE));
                }
                ownerOnly();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make the database's folder " + base.getParent() + " its owner's alone", e);
            }
        }
        return bean;
    }

    /** Once Flyway opened, perhaps created, the database: {@code dspm.mv.db} and any other file of it. */
    @EventListener(ApplicationStartedEvent.class)
    void ownerOnly() throws IOException {
        if (database.isEmpty() || !posix()) {
            return;
        }
        Path base = database.get().toAbsolutePath();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(base.getParent(), base.getFileName() + ".*.db")) {
            for (Path file : files) {
                Files.setPosixFilePermissions(file, FILE);
            }
        }
    }

    /** {@code jdbc:h2:file:./data/dspm;…} or {@code jdbc:h2:./data/dspm}: the file's base; none for memory or a server. */
    static Optional<Path> fileOf(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String name = url.substring("jdbc:h2:".length());
        int options = name.indexOf(';');
        name = options < 0 ? name : name.substring(0, options);
        if (name.startsWith("mem:") || name.startsWith("tcp:") || name.startsWith("ssl:") || name.startsWith("zip:")) {
            return Optional.empty();
        }
        name = name.startsWith("file:") ? name.substring("file:".length()) : name;
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        return name.isEmpty() ? Optional.empty() : Optional.of(Path.of(name));
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
