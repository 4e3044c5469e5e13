package dev.dspm.scanner.config;

/**
 * A setting is missing or wrong. Thrown before any request is sent; the application exits with
 * code 2 and prints the message, which names the setting to change.
 */
public class ConfigurationException extends RuntimeException {
    public ConfigurationException(String message) {
        super(message);
    }
}
