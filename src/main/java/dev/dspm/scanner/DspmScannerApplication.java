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

import dev.dspm.scanner.logging.ConsoleOutput;
import dev.dspm.scanner.logging.RunLogFields;
import dev.dspm.scanner.owner.OwnerEmails;
import dev.dspm.scanner.policy.PolicyTestCommand;
import dev.dspm.scanner.scan.RejudgeCommand;
import dev.dspm.scanner.scan.ScanCommand;

/**
 * Entry point. Exit codes are the external contract (design.md): 0 completed, 1 failed,
 * 2 bad configuration caught before any API call, 3 findings at or above {@code dspm.fail-on}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DspmScannerApplication {

    public static final int EXIT_COMPLETED = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_BAD_CONFIGURATION = 2;
    public static final int EXIT_FINDINGS = 3;

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
            return EXIT_COMPLETED;
        }
        if (PolicyTestCommand.requested(args)) {
            return PolicyTestCommand.run(args, variables);
        }
        if (DemoMode.requested(args)) {
            return DemoMode.run(args, variables);
        }
        Optional<Long> rejudged;
        try {
            rejudged = RejudgeCommand.namedRun(args);
        } catch (ConfigurationException e) {
            StartupFailures.Explained explained = StartupFailures.explain(e, null).orElseThrow();
            System.err.println(explained.line());
            return explained.exitCode();
        }
        SpringApplication application = new SpringApplication(DspmScannerApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        ConfigurableEnvironment environment = environment(variables);
        application.setEnvironment(environment);
        application.setDefaultProperties(defaults);
        application.addListeners(new SettingsCheck(), new OwnerEmails());
        try (ConfigurableApplicationContext context = application.run(args)) {
            return ExitCodes.of(RejudgeCommand.requested(args) ? context.getBean(RejudgeCommand.class).run(rejudged)
                    : context.getBean(ScanCommand.class).run());
        } catch (Exception e) {
            log.debug("the run failed", e);
            Optional<StartupFailures.Explained> explained = StartupFailures.explain(e, environment);
            ConsoleOutput.printError(log, Level.ERROR,
                    explained.map(StartupFailures.Explained::line).orElse("dspm-scanner: run failed: " + e));
            return explained.map(StartupFailures.Explained::exitCode).orElse(EXIT_FAILED);
        } finally {
            RunLogFields.clear();
        }
    }

    /** Kept here rather than created by Boot, to read the settings a failure names once the context is gone. */
    private static ConfigurableEnvironment environment(Map<String, String> variables) {
        ConfigurableEnvironment environment = new StandardEnvironment();
        String name = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
        environment.getPropertySources().replace(name,
                new SystemEnvironmentPropertySource(name, Map.<String, Object>copyOf(variables)));
        return environment;
    }
}
