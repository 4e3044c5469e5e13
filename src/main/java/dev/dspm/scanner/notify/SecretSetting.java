package dev.dspm.scanner.notify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import dev.dspm.scanner.config.ConfigurationException;

/**
 * A credential given as a setting or as {@code <name>-file} naming a file that holds it (a mounted Kubernetes Secret).
 * Never part of a message: an error names the setting and, for a file, its path, never the value.
 */
final class SecretSetting {

    private SecretSetting() {
    }

    /** The value, from the setting or its file; empty when neither is set (blank counts as unset). */
    static Optional<String> resolve(String name, String value, Path file) {
        String given = value == null || value.isBlank() ? null : value.strip();
        file = unset(file) ? null : file;
        if (given != null && file != null) {
            throw new ConfigurationException("both " + name + " and " + name + "-file are set; set only one");
        }
        if (file == null) {
            return Optional.ofNullable(given);
        }
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            throw new ConfigurationException(name + "-file: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        if (content.isEmpty()) {
            throw new ConfigurationException(name + "-file: " + file + " is empty");
        }
        return Optional.of(content);
    }

    /** Whether the setting or its file is given, without reading the file. */
    static boolean given(String value, Path file) {
        return (value != null && !value.isBlank()) || !unset(file);
    }

    /** An empty setting binds to the empty path: unset, as an empty value is. */
    private static boolean unset(Path file) {
        return file == null || file.toString().isBlank();
    }
}
