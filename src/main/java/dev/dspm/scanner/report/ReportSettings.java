package dev.dspm.scanner.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.dspm.scanner.config.ConfigurationException;

/**
 * {@code dspm.report.*}.
 *
 * @param dir         where each run's report is written ({@code <dir>/<run-id>/}) and copied ({@code <dir>/latest/});
 *                    created if missing, and checked writable before any request
 * @param htmlMaxRows findings listed in report.html, worst first; the CSV and JSON always hold them all
 */
@ConfigurationProperties("dspm.report")
public record ReportSettings(@DefaultValue("reports") Path dir, @DefaultValue("10000") int htmlMaxRows) {

    public ReportSettings {
        if (htmlMaxRows < 1) {
            throw new ConfigurationException("dspm.report.html-max-rows must be at least 1, got " + htmlMaxRows);
        }
    }

    /**
     * Creates the folder if need be and proves it writable by writing a file there, before any request: a
     * run must not scan a tenant for an hour and then find it cannot write its report.
     */
    public void checkWritable() {
        try {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, ".write-check-", ".tmp"));
        } catch (IOException | SecurityException e) {
            throw new ConfigurationException("dspm.report.dir=" + dir + " is not a folder this user can write ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "); set dspm.report.dir to one it can");
        }
    }
}
