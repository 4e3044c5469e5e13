package dev.dspm.scanner;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

import dev.dspm.scanner.config.ExitCode;
import dev.dspm.scanner.logging.ConsoleOutput;
import dev.dspm.scanner.notify.MailSettings;
import dev.dspm.scanner.notify.NotifySettings;
import dev.dspm.scanner.notify.TestMessages;

/**
 * {@code --notify-test}: checks the settings as a run would (exit 2 for a bad one), then sends one test message to
 * every configured notification channel and prints one line each. No database is opened, no Manus key read, no
 * request sent to the API. Exit 0 when every message was delivered, 1 when one was not, 2 when no channel is set.
 */
final class NotifyTestCommand {

    static final String FLAG = "--notify-test";
    /** The property Spring makes of the flag, as the settings check sees it. */
    static final String PROPERTY = "notify-test";
    private static final Logger log = LoggerFactory.getLogger(NotifyTestCommand.class);

    private NotifyTestCommand() {
    }

    static boolean requested(String[] args) {
        return Arrays.asList(args).contains(FLAG);
    }

    static int run(String[] args, Map<String, Object> defaults, Map<String, String> variables) {
        SpringApplication application = new SpringApplication(Nothing.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        ConfigurableEnvironment environment = DspmScannerApplication.environment(variables);
        application.setEnvironment(environment);
        application.setDefaultProperties(defaults);
        application.addListeners(new SettingsCheck());
        try (ConfigurableApplicationContext context = application.run(args)) {
            Binder binder = Binder.get(context.getEnvironment());
            NotifySettings settings = binder.bindOrCreate("dspm.notify", NotifySettings.class);
            MailSettings mail = binder.bindOrCreate("spring.mail", MailSettings.class);
            if (!settings.anyChannel()) {
                ConsoleOutput.printError(log, Level.ERROR, "dspm-scanner: configuration error: no notification channel is "
                        + "configured: set dspm.notify.slack.webhook-url, dspm.notify.teams.webhook-url, "
                        + "dspm.notify.webhook.url or dspm.notify.email.to (see docs/configuration.md)");
                return ExitCode.BAD_CONFIGURATION.code();
            }
            String tenant = binder.bind("dspm.tenant", String.class).orElse("this team");
            String host = ManagementFactory.getRuntimeMXBean().getName().replaceFirst("^[0-9]+@", "");
            List<TestMessages.Result> results = TestMessages.send(settings, mail, tenant, host, Clock.systemUTC());
            StringBuilder lines = new StringBuilder();
            results.forEach(result -> lines.append(result.line()).append(System.lineSeparator()));
            ConsoleOutput.print(log, lines.toString());
            return results.stream().allMatch(TestMessages.Result::delivered) ? ExitCode.COMPLETED.code() : ExitCode.FAILED.code();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.FAILED.code();
        } catch (RuntimeException e) {
            log.debug("the notification test failed", e);
            Optional<StartupFailures.Explained> explained = StartupFailures.explain(e, environment);
            ConsoleOutput.printError(log, Level.ERROR,
                    explained.map(StartupFailures.Explained::line).orElse("dspm-scanner: notification test failed: " + e));
            return explained.map(StartupFailures.Explained::exitCode).orElse(ExitCode.FAILED).code();
        }
    }

    /** An application of nothing: the environment is all the test needs (the settings, application.properties). */
    @Configuration(proxyBeanMethods = false)
    static class Nothing {
    }
}
