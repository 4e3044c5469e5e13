package dev.dspm.scanner;

import java.util.HashSet;
import java.util.Set;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

import dev.dspm.scanner.config.ConfigurationException;
import dev.dspm.scanner.logging.InertText;

/**
 * The command line's shape, before Spring reads it: Spring drops a word that is not {@code --name=value}
 * ({@code --rejudge 2} re-judged the newest run, not run 2) and joins a setting given twice with a comma ({@code
 * --spring.datasource.url} twice made a new H2 file named after both). Either is exit 2 with one line.
 */
final class ArgumentsCheck {

    private ArgumentsCheck() {
    }

    static void check(String[] args) {
        Set<ConfigurationPropertyName> seen = new HashSet<>();
        String previous = null;
        for (String arg : args) {
            if (!arg.startsWith("--") || arg.length() == 2) {
                String shown = InertText.line(arg.length() > 100 ? arg.substring(0, 100) + "\u2026" : arg);
                throw new ConfigurationException("unexpected argument '" + shown + "': every argument is --name=value or a flag"
                        + (previous != null && !previous.contains("=") ? "; did you mean " + previous + "=" + shown + "?" : ""));
            }
            int equals = arg.indexOf('=');
            String name = arg.substring(2, equals < 0 ? arg.length() : equals);
            // The relaxed spellings Spring binds to one setting are one setting: page-size, pageSize, page_size.
            ConfigurationPropertyName property = ConfigurationPropertyName.adapt(name, '.');
            if (!property.isEmpty() && !seen.add(property)) {
                // Never the values: one of them may be a password.
                throw new ConfigurationException("--" + InertText.line(name) + " is given twice; give it once (Spring would "
                        + "join the two values with a comma)");
            }
            previous = arg;
        }
    }
}
