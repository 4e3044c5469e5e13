package dev.dspm.scanner;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

import dev.dspm.scanner.scan.ScanCommand;

/**
 * Entry point. Exit codes are the external contract (design.md): 0 completed, 1 failed,
 * 2 bad configuration caught before any API call, 3 findings at or above {@code dspm.fail-on}.
 */
@SpringBootApplication
public class DspmScannerApplication {

    public static final int EXIT_COMPLETED = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_BAD_CONFIGURATION = 2;

    public static void main(String[] args) {
        System.exit(run(args, Map.of()));
    }

    /**
     * Runs one whole job and returns its exit code; {@code defaults} are lowest-precedence properties
     * (the demo and the tests use them to point the job at a simulator without touching the environment).
     */
    public static int run(String[] args, Map<String, Object> defaults) {
        if (DemoMode.requested(args)) {
            return DemoMode.run(args);
        }
        SpringApplication application = new SpringApplication(DspmScannerApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(defaults);
        application.addListeners(new SettingsCheck());
        try (ConfigurableApplicationContext context = application.run(args)) {
            return ExitCodes.of(context.getBean(ScanCommand.class).run());
        } catch (Exception e) {
            if (ConfigurationErrors.find(e).isPresent()) {
                return EXIT_BAD_CONFIGURATION;
            }
            System.err.println("dspm-scanner: run failed: " + e);
            return EXIT_FAILED;
        }
    }
}
