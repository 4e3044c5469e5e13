package dev.dspm.scanner;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import dev.dspm.scanner.config.BindFailure;
import dev.dspm.scanner.config.ConfigurationException;
import dev.dspm.scanner.config.DiskFull;
import dev.dspm.scanner.config.ExitCode;
import dev.dspm.scanner.config.JdbcUrls;
import dev.dspm.scanner.policy.PolicyLoadException;

/**
 * A failure a person can act on, as one line on stderr and an exit code: a bad setting, a database that is
 * locked or cannot be reached. Registered as Boot's exception reporter too, so that Boot prints no start-up
 * report of its own for these (their stack traces go to DEBUG); any other failure keeps Boot's full report.
 */
class StartupFailures implements SpringBootExceptionReporter {

    /** What to print and the exit code. */
    record Explained(ExitCode exitCode, String line) {
    }

    /** H2's DATABASE_ALREADY_OPEN_1: another process holds the file (AUTO_SERVER=FALSE). */
    private static final int H2_DATABASE_IN_USE = 90020;

    private final Environment environment;

    StartupFailures(ConfigurableApplicationContext context) {
        // No context yet when the settings check fails; those failures need no environment to explain.
        this.environment = context == null ? null : context.getEnvironment();
    }

    @Override
    public boolean reportException(Throwable failure) {
        return explain(failure, environment).isPresent();
    }

    static Optional<Explained> explain(Throwable failure, Environment environment) {
        Optional<PolicyLoadException> policies = find(failure, PolicyLoadException.class);
        if (policies.isPresent()) {
            // One line per problem, each naming its file and line, so that all are fixed in one go.
            return Optional.of(new Explained(ExitCode.BAD_CONFIGURATION, policies.get().problems().stream()
                    .map(problem -> "dspm-scanner: policy error: " + problem).collect(Collectors.joining(System.lineSeparator()))));
        }
        return configuration(failure)
                .map(message -> new Explained(ExitCode.BAD_CONFIGURATION,
                        "dspm-scanner: configuration error: " + message))
                .or(() -> database(failure, environment == null ? null : environment.getProperty(JdbcUrls.SETTING))
                        .map(line -> new Explained(ExitCode.FAILED, "dspm-scanner: " + line)));
    }

    private static Optional<String> configuration(Throwable failure) {
        Optional<ConfigurationException> ours = find(failure, ConfigurationException.class);
        if (ours.isPresent()) {
            return Optional.of(ours.get().getMessage());
        }
        return find(failure, BindException.class).filter(e -> e.getProperty() != null).map(BindFailure::describe);
    }

    private static Optional<String> database(Throwable failure, String url) {
        Optional<String> diskFull = DiskFull.cause(failure);
        if (diskFull.isPresent()) {
            return Optional.of(DiskFull.explain(url, diskFull.get()));
        }
        Optional<SQLException> inUse = find(failure, SQLException.class, e -> e.getErrorCode() == H2_DATABASE_IN_USE);
        if (inUse.isPresent()) {
            return Optional.of("another run is using the H2 database " + JdbcUrls.h2Path(url)
                    + " (its file is locked); wait for it, or use PostgreSQL to scan several tenants at once");
        }
        return find(failure, SQLException.class, e -> unreachable(e.getSQLState())).map(e -> "cannot connect to the "
                + "database at " + JdbcUrls.SETTING + "=" + JdbcUrls.withoutSecrets(url) + ": " + reason(failure, e.getSQLState()));
    }

    /** Connection exceptions (08), refused credentials (28), no such database (3D000), in SQL's standard classes. */
    private static boolean unreachable(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("28") || state.equals("3D000"));
    }

    private static String reason(Throwable failure, String state) {
        if (find(failure, ConnectException.class).isPresent()) {
            return "connection refused; is the server running and listening there?";
        }
        if (find(failure, UnknownHostException.class).isPresent()) {
            return "unknown host";
        }
        if (find(failure, SocketTimeoutException.class).isPresent()) {
            return "no answer in time";
        }
        if (state.startsWith("28")) {
            return "the server refused the user name or password (spring.datasource.username, spring.datasource.password)";
        }
        if (state.equals("3D000")) {
            return "no such database on that server";
        }
        return "SQLState " + state;
    }

    private static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        return find(failure, type, t -> true);
    }

    private static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type,
            Predicate<T> matching) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t) && matching.test(type.cast(t))) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
