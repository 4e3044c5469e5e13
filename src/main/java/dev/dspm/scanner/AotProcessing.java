package dev.dspm.scanner;

/**
 * Whether this JVM is Spring AOT's build-time processing (the {@code process-aot} goal), which runs the main class up
 * to the context's refresh to generate the bean definitions as code; Spring sets {@code spring.aot.processing} while
 * it does.
 */
final class AotProcessing {

    static final String PROPERTY = "spring.aot.processing";

    private AotProcessing() {
    }

    static boolean underway() {
        return Boolean.getBoolean(PROPERTY);
    }
}
