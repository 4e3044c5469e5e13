package dev.dspm.scanner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Assumptions;

/**
 * A program the tests run as users do, from the system's packages (Chromium, the Prometheus Pushgateway, promtool):
 * never downloaded by a test. Without it a test is skipped, saying once how to install it, unless env CI is set:
 * there it fails, so CI can never pass by skipping what it was meant to prove. {@code .ci/run} installs them.
 */
public final class InstalledTool {

    private static final Set<String> TOLD_WHY_SKIPPED = ConcurrentHashMap.newKeySet();

    private InstalledTool() {
    }

    /**
     * @param variable   the environment variable that may name the program's path
     * @param path       where Debian's package puts it
     * @param aptPackage the package that brings it
     */
    public static Path require(String variable, String path, String aptPackage) {
        Path binary = Path.of(env(variable).orElse(path));
        if (!Files.isExecutable(binary)) {
            String missing = "no " + binary + ": install it with `apt-get install -y " + aptPackage + "` (or set "
                    + variable + " to its path)";
            if (env("CI").isPresent()) {
                throw new IllegalStateException(missing + "; CI is set, so its tests fail instead of skipping");
            }
            if (TOLD_WHY_SKIPPED.add(variable)) {
                System.err.println("Tests skipped: " + missing);
            }
            Assumptions.abort("skipped, " + missing);
        }
        return binary;
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }
}
