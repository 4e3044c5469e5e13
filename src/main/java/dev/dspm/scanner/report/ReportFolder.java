package dev.dspm.scanner.report;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.springframework.stereotype.Component;

import dev.dspm.scanner.config.ConfigurationException;
import dev.dspm.scanner.logging.InertText;
import dev.dspm.scanner.snapshot.Installation;

/**
 * A report folder belongs to one database: run ids are a database's own, so a second database writing to the same
 * folder would replace {@code reports/1/} of the first without a word. The first run claims the folder by writing the
 * database's id into {@value #MARKER}; a run of another database is refused before any request.
 */
@Component
public class ReportFolder {

    static final String MARKER = ".dspm-database";

    private final ReportSettings settings;
    private final Installation installation;

    ReportFolder(ReportSettings settings, Installation installation) {
        this.settings = settings;
        this.installation = installation;
    }

    /** Claims the folder for this database, or refuses (exit 2) when another database's reports are in it. */
    public void claim() {
        Path marker = settings.dir().resolve(MARKER);
        String id = installation.identity().id();
        try {
            Files.createDirectories(settings.dir());
            try {
                Files.writeString(marker, id + "\n", StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return;
            } catch (FileAlreadyExistsException e) {
                // claimed before: by this database, or another
            }
            String owner = Files.readString(marker).strip();
            if (!owner.equals(id)) {
                throw new ConfigurationException("dspm.report.dir=" + settings.dir() + " holds the reports of another database ("
                        + marker + " names " + InertText.line(owner.substring(0, Math.min(owner.length(), 64))) + ", this database is " + id + "), whose reports/<run-id>/ "
                        + "this run would replace: give each database its own dspm.report.dir, or delete " + marker
                        + " if that database is gone");
            }
        } catch (IOException e) {
            throw new ConfigurationException("dspm.report.dir=" + settings.dir() + ": could not read or write " + marker + " ("
                    + e.getClass().getSimpleName() + "); set dspm.report.dir to a folder this user can write");
        }
    }
}
