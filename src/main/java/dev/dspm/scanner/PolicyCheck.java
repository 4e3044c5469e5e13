package dev.dspm.scanner;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.context.support.GenericApplicationContext;

import dev.dspm.scanner.policy.PolicyFolder;
import dev.dspm.scanner.policy.drools.PolicyPack;
import dev.dspm.scanner.policy.waiver.Waivers;

/**
 * Starts compiling the policies and reading the waivers as soon as the environment is known, before the settings
 * check and any bean, on a thread of their own ({@link CompiledPolicies}); the pack and the waivers become beans of
 * the context, compiled once. A broken policy or waiver is still exit 2 with no request sent and no database opened
 * or migrated: the data source waits for the compile ({@link PoliciesBeforeDatabase}), and so does every bean that
 * uses the pack. A bad setting is still reported first: the settings check runs, and throws, before anything waits.
 */
class PolicyCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    private volatile CompiledPolicies started;

    /**
     * For a start that failed (a bad setting, most often): waits for the compile before Spring Boot takes logging
     * down, which it does first thing on that event. A compile still running would log into the stopped logging
     * system, and logback then prints a warning of its own on stderr beside the one line a failed start gives.
     */
    ApplicationListener<ApplicationFailedEvent> settledOnFailure() {
        return new SettledOnFailure();
    }

    private final class SettledOnFailure implements ApplicationListener<ApplicationFailedEvent>, Ordered {

        @Override
        public void onApplicationEvent(ApplicationFailedEvent event) {
            CompiledPolicies policies = started;
            if (policies != null) {
                policies.settle();
            }
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE; // before LoggingApplicationListener's clean-up
        }
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        CompiledPolicies policies;
        try {
            policies = CompiledPolicies.start(Binder.get(event.getEnvironment()).bindOrCreate("dspm.policies", PolicyFolder.class).dir());
        } catch (RuntimeException e) {
            // The settings check, next, names a bad setting; this one is thrown on waiting if it did not.
            policies = CompiledPolicies.failed(e);
        }
        CompiledPolicies compiled = policies;
        started = compiled;
        event.getSpringApplication().addInitializers(context -> {
            context.getBeanFactory().addBeanPostProcessor(new PoliciesBeforeDatabase(compiled));
            GenericApplicationContext registry = (GenericApplicationContext) context;
            // Lazy: created when the first bean that uses them is, not first of all the context's beans.
            registry.registerBean("policyPack", PolicyPack.class, () -> compiled.await().pack(), lazy -> lazy.setLazyInit(true));
            registry.registerBean("waivers", Waivers.class, () -> compiled.await().waivers(), lazy -> lazy.setLazyInit(true));
        });
    }
}
