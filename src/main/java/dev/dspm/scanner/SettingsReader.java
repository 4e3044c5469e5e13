package dev.dspm.scanner;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

import org.springframework.core.env.Environment;

/**
 * Reads typed settings from the Spring environment (arguments, env vars, properties files) and turns
 * every malformed value into a {@link ConfigurationException} that names the setting.
 */
public record SettingsReader(Environment environment) {

    public String text(String property) {
        String value = environment.getProperty(property);
        return value == null || value.isBlank() ? null : value.trim();
    }

    public List<String> list(String property) {
        String value = text(property);
        return value == null ? List.of()
                : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }

    public int integer(String property, int fallback) {
        String value = text(property);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigurationException(property + " must be a whole number, got '" + value + "'");
        }
    }

    public double decimal(String property, double fallback) {
        String value = text(property);
        try {
            return value == null ? fallback : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new ConfigurationException(property + " must be a number, got '" + value + "'");
        }
    }

    public Duration duration(String property, Duration fallback) {
        String value = text(property);
        try {
            return value == null ? fallback : Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new ConfigurationException(property + " must be an ISO-8601 duration such as PT10S, got '" + value + "'");
        }
    }

    public Instant instant(String property) {
        String value = text(property);
        try {
            return value == null ? null : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new ConfigurationException(property + " must be an RFC3339 time such as 2026-01-31T00:00:00Z, got '" + value + "'");
        }
    }

    public URI uri(String property, String fallback) {
        String value = text(property);
        try {
            return new URI(value == null ? fallback : value);
        } catch (URISyntaxException e) {
            // Not echoed: a malformed URL may still carry a user:password@ part.
            throw new ConfigurationException(property + " must be a URL such as https://api.manus.im: " + e.getReason());
        }
    }
}
