package dev.dspm.scanner.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.dspm.scanner.ConfigurationException;
import dev.dspm.scanner.policy.Severity;

/**
 * {@code dspm.fail-on} and {@code dspm.report.*}.
 *
 * @param failOn the exit code is 3 when a run ends with a NEW or OPEN finding of this severity or worse
 *               (waived and resolved findings never count); unset, findings never change the exit code
 * @param report {@code dspm.report.*}
 */
@ConfigurationProperties("dspm")
public record ReportSettings(Severity failOn, @DefaultValue Report report) {

    public ReportSettings {
        Objects.requireNonNull(report, "report");
    }

    /**
     * {@code dspm.report.*}.
     *
     * @param dir         where each run's report is written ({@code <dir>/<run-id>/}) and copied ({@code <dir>/latest/});
     *                    created if missing, and checked writable before any request
     * @param htmlMaxRows findings listed in report.html, worst first; the CSV and JSON always hold them all
     */
    public record Report(@DefaultValue("reports") Path dir, @DefaultValue("10000") int htmlMaxRows) {

        public Report {
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
}
