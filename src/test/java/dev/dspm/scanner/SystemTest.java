package dev.dspm.scanner;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * A test of the system tier: it starts a process of its own (the job in a JVM of its own to kill or stop it, the
 * packaged jar, Chromium, the Pushgateway, a PostgreSQL server it stops). Failsafe runs these in {@code ./mvnw verify};
 * {@code ./mvnw test}, the fast loop, leaves them out.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Tag("system")
public @interface SystemTest {
}
