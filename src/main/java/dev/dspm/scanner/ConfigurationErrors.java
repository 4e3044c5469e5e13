package dev.dspm.scanner;

import java.util.Optional;

import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.boot.context.properties.bind.BindException;

/**
 * Prints a bad setting as one line on stderr instead of Boot's multi-line start-up failure report,
 * so a cron mail or a CronJob log shows exactly what to change.
 */
class ConfigurationErrors implements SpringBootExceptionReporter {

    static Optional<ConfigurationException> find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConfigurationException configurationError) {
                return Optional.of(configurationError);
            }
            // Boot's own spring.* settings fail to bind this way.
            if (t instanceof BindException bindError && bindError.getProperty() != null) {
                return Optional.of(new ConfigurationException(bindError.getProperty().getName()
                        + ": cannot use value '" + bindError.getProperty().getValue() + "'"));
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean reportException(Throwable failure) {
        Optional<ConfigurationException> error = find(failure);
        error.ifPresent(e -> System.err.println("dspm-scanner: configuration error: " + e.getMessage()));
        return error.isPresent();
    }
}
