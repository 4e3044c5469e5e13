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
 * @param ocsf        findings.ocsf.jsonl, the findings as OCSF events for a SIEM
 * @param sarif       report.sarif, the findings as SARIF 2.1.0 for code-scanning tools
 */
@ConfigurationProperties("dspm.report")
public record ReportSettings(@DefaultValue("reports") Path dir, @DefaultValue("10000") int htmlMaxRows,
        @DefaultValue Ocsf ocsf, @DefaultValue Sarif sarif) {

    public ReportSettings {
        if (htmlMaxRows < 1) {
            throw new ConfigurationException("dspm.report.html-max-rows must be at least 1, got " + htmlMaxRows);
        }
        ocsf = ocsf == null ? new Ocsf(true, OcsfClass.DATA_SECURITY_FINDING) : ocsf;
        sarif = sarif == null ? new Sarif(true) : sarif;
    }

    /**
     * {@code dspm.report.ocsf.*}.
     *
     * @param enabled    write findings.ocsf.jsonl, one OCSF event per finding of the run
     * @param eventClass the OCSF class of the events: {@code data-security-finding} (2006, the class made for DSPM) or
     *                   {@code detection-finding} (2004, for consumers that know only that one)
     */
    public record Ocsf(@DefaultValue("true") boolean enabled,
            @DefaultValue("data-security-finding") OcsfClass eventClass) {

        public Ocsf {
            eventClass = eventClass == null ? OcsfClass.DATA_SECURITY_FINDING : eventClass;
        }
    }

    /**
     * {@code dspm.report.sarif.*}.
     *
     * @param enabled write report.sarif, one SARIF 2.1.0 result per finding of the run
     */
    public record Sarif(@DefaultValue("true") boolean enabled) {
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
