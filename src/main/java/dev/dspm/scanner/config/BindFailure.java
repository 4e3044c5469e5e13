package dev.dspm.scanner.config;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.core.ResolvableType;

/**
 * A value Spring could not convert, e.g. {@code --dspm.scan.page-size=lots}, as one line naming the setting
 * and what it expects, in place of Boot's multi-line report.
 */
public final class BindFailure {

    private BindFailure() {
    }

    public static String describe(BindException failure) {
        ConfigurationProperty property = failure.getProperty();
        ResolvableType type = failure.getTarget().getType();
        // A URL may carry user:password@, so it is not echoed.
        String value = URI.class.equals(type.resolve()) ? "" : " '" + property.getValue() + "'";
        return property.getName() + ":" + value + " is not " + expected(type) + from(property);
    }

    private static String from(ConfigurationProperty property) {
        Origin origin = property.getOrigin();
        if (!(origin instanceof PropertySourceOrigin source)) {
            return origin == null ? "" : " (" + origin + ")"; // a file's origin names it and the line
        }
        String where = UnknownSettings.describe(source.getPropertySource(), source.getPropertyName());
        boolean spelledAsNamed = source.getPropertyName().equals(property.getName().toString());
        return " (" + (spelledAsNamed ? "" : source.getPropertyName() + ", ") + where + ")";
    }

    private static String expected(ResolvableType type) {
        Class<?> raw = type.resolve(Object.class);
        if (Collection.class.isAssignableFrom(raw)) {
            return "a comma-separated list, each " + expected(type.asCollection().getGeneric());
        }
        if (raw.isEnum()) {
            return "one of " + Arrays.stream(raw.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            return "a whole number";
        }
        if (raw == double.class || raw == Double.class) {
            return "a number";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "true or false";
        }
        if (raw == Duration.class) {
            return "a duration such as PT30S or 30s";
        }
        if (raw == Instant.class) {
            return "an RFC3339 time such as 2026-01-31T00:00:00Z";
        }
        if (raw == URI.class) {
            return "a URL such as https://api.manus.im";
        }
        return "a " + raw.getSimpleName();
    }
}
