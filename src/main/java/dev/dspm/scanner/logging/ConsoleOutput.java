package dev.dspm.scanner.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.boot.logging.logback.StructuredLogEncoder;

/**
 * What the job prints for a person besides its log (the end-of-run summary, the run's last line, a start-up
 * failure): as plain text on stdout or stderr, or, when the console logs structured JSON
 * ({@code --logging.structured.format.console=ecs}), as one log event, so that every console line is one JSON object.
 */
public final class ConsoleOutput {

    private ConsoleOutput() {
    }

    /** Text for stdout as it is, or one INFO event whose message is the text without its surrounding blank lines. */
    public static void print(Logger log, String text) {
        if (structured()) {
            log.info(text.strip());
        } else {
            System.out.print(text);
        }
    }

    /** One line for stderr, or one event at {@code level}. */
    public static void printError(Logger log, Level level, String line) {
        if (structured()) {
            log.atLevel(level).log(line);
        } else {
            System.err.println(line);
        }
    }

    /**
     * Asks the logging system itself rather than the settings: it is configured by then from wherever the setting
     * came (argument, environment, file), and before Spring Boot configures it the console is plain.
     */
    static boolean structured() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return false;
        }
        for (var appenders = context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders(); appenders.hasNext();) {
            if (appenders.next() instanceof ConsoleAppender<?> console && console.getEncoder() instanceof StructuredLogEncoder) {
                return true;
            }
        }
        return false;
    }
}
