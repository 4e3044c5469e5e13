package dev.dspm.scanner.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The build's version, written into {@code dev/dspm/scanner/version.properties} by Maven resource filtering. */
public final class BuildVersion {

    private static final String RESOURCE = "/dev/dspm/scanner/version.properties";

    private BuildVersion() {
    }

    public static String get() {
        Properties properties = new Properties();
        try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the build");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }
}
