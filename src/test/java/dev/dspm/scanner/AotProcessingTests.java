package dev.dspm.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationHook;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import dev.dspm.scanner.run.RunCommand;

/**
 * Spring AOT's build-time processing (process-aot) runs the main class with no keys and no policies, and takes the
 * context from it just before its refresh, by an exception: the run must hand that exception back rather than turn
 * it into an exit code, and must not check settings or compile policies that build has none of.
 */
class AotProcessingTests {

    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        System.clearProperty(AotProcessing.PROPERTY);
    }

    @Test
    void underProcessAotTheRunHandsItsContextBackWithoutKeysOrPolicies() {
        System.setProperty(AotProcessing.PROPERTY, "true");
        // What SpringApplicationAotProcessor's hook does: stop the run once the context is loaded, before its refresh.
        SpringApplicationHook hook = application -> new SpringApplicationRunListener() {
            @Override
            public void contextLoaded(ConfigurableApplicationContext context) {
                throw new SpringApplication.AbandonedRunException(context);
            }
        };
        // No MANUS_ASSET_AUDIT_KEY, and a policies folder that does not exist: a run would be exit 2 on either.
        String[] args = { "--dspm.policies.dir=" + dir.resolve("none") };

        SpringApplication.AbandonedRunException abandoned = catchThrowableOfType(SpringApplication.AbandonedRunException.class,
                () -> SpringApplication.withHook(hook, () -> DspmScannerApplication.run(args, Map.of(), Map.of())));

        assertThat(abandoned).as("the run returned an exit code instead of handing its context back").isNotNull();
        // What process-aot does next: the bean definitions resolved, no bean created, no database opened.
        GenericApplicationContext context = (GenericApplicationContext) abandoned.getApplicationContext();
        context.refreshForAotProcessing(new RuntimeHints());
        assertThat(context.getBeanNamesForType(RunCommand.class)).hasSize(1);
        assertThat(context.containsBeanDefinition("policyPack")).isFalse();
        assertThat(dir.resolve("none")).doesNotExist();
    }
}
