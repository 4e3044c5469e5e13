package dev.dspm.scanner;

import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import dev.dspm.scanner.config.ConfigurationException;
import dev.dspm.scanner.config.ExitCode;
import dev.dspm.scanner.logging.ConsoleOutput;
import dev.dspm.scanner.logging.RunLogFields;
import dev.dspm.scanner.policy.fixture.PolicyTestCommand;
import dev.dspm.scanner.run.RejudgeLaunch;
import dev.dspm.scanner.run.RunCommand;

/**
 * Entry point: {@code --help} and {@code --version}, {@code --test-policies}, {@code --demo}, {@code --notify-test}, or a run (a scan, or
 * {@code --rejudge}) through {@link RunCommand}. The exit codes of the external contract are {@link ExitCode}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DspmScannerApplication {

    private static final Logger log = LoggerFactory.getLogger(DspmScannerApplication.class);

    public static void main(String[] args) {
        System.exit(run(args, Map.of()));
    }

    /**
     * Runs one whole job and returns its exit code; {@code defaults} are lowest-precedence properties
     * (the demo and the tests use them to point the job at a simulator without touching the environment).
     */
    public static int run(String[] args, Map<String, Object> defaults) {
        return run(args, defaults, System.getenv());
    }

    /** As {@link #run(String[], Map)}, with {@code variables} in place of the process's environment variables. */
    static int run(String[] args, Map<String, Object> defaults, Map<String, String> variables) {
        Optional<String> answer = CommandLineHelp.answer(args);
        if (answer.isPresent()) {
            System.out.println(answer.get());
            return ExitCode.COMPLETED.code();
        }
        if (PolicyTestCommand.requested(args)) {
            return PolicyTestCommand.run(args, variables);
        }
        if (DemoMode.requested(args)) {
            return DemoMode.run(args, variables);
        }
        if (NotifyTestCommand.requested(args)) {
            return NotifyTestCommand.run(args, defaults, variables);
        }
        try {
            ArgumentsCheck.check(args);
            RejudgeLaunch.namedRun(args);
        } catch (ConfigurationException e) {
            StartupFailures.Explained explained = StartupFailures.explain(e, null).orElseThrow();
            System.err.println(explained.line());
            return explained.exitCode().code();
        }
        SpringApplication application = new SpringApplication(DspmScannerApplication.class);
        // Named, not guessed from the stack: with -Dspring.aot.enabled=true, Spring looks up the context generated at
        // build time by this class's name, also when the run is started from elsewhere (the demo, the tests).
        application.setMainApplicationClass(DspmScannerApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        ConfigurableEnvironment environment = environment(variables);
        application.setEnvironment(environment);
        application.setDefaultProperties(defaults);
        // The policies start compiling on a thread of their own, then the settings are checked: both need neither
        // network nor database, so a mistake in either is exit 2 before a database is opened or migrated (the data
        // source waits for the compile).
        PolicyCheck policies = new PolicyCheck();
        // Spring AOT at build time (process-aot) runs this method to see the context's beans, with no keys and no
        // policies to check: those checks are the run's, at its start.
        if (!AotProcessing.underway()) {
            application.addListeners(policies, new SettingsCheck(), policies.settledOnFailure());
        }
        try (ConfigurableApplicationContext context = application.run(args)) {
            RunCommand command = context.getBean(RunCommand.class);
            return (RejudgeLaunch.requested(args) ? command.rejudge() : command.scan()).exitCode().code();
        } catch (SpringApplication.AbandonedRunException aotProcessing) {
            throw aotProcessing; // how process-aot takes the context, unrefreshed: not a failure of a run
        } catch (Exception e) {
            log.debug("the run failed", e);
            Optional<StartupFailures.Explained> explained = StartupFailures.explain(e, environment);
            ConsoleOutput.printError(log, Level.ERROR,
                    explained.map(StartupFailures.Explained::line).orElse("dspm-scanner: run failed: " + e));
            return explained.map(StartupFailures.Explained::exitCode).orElse(ExitCode.FAILED).code();
        } finally {
            RunLogFields.clear();
        }
    }

    /** Kept here rather than created by Boot, to read the settings a failure names once the context is gone. */
    static ConfigurableEnvironment environment(Map<String, String> variables) {
        ConfigurableEnvironment environment = new StandardEnvironment();
        String name = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
        environment.getPropertySources().replace(name,
                new SystemEnvironmentPropertySource(name, Map.<String, Object>copyOf(variables)));
        return environment;
    }
}
