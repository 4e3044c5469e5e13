package dev.dspm.scanner;

import java.util.stream.Collectors;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;

import dev.dspm.scanner.policy.PolicyFolder;
import dev.dspm.scanner.policy.PolicyRule;
import dev.dspm.scanner.policy.drools.PolicyLoader;
import dev.dspm.scanner.policy.drools.PolicyPack;
import dev.dspm.scanner.policy.waiver.Waivers;

/**
 * Compiles the policies and reads the waivers as soon as the settings are checked, before any bean exists: a broken
 * policy or waiver is then exit 2 with no database opened or migrated and no request sent. The compiled pack and the
 * waivers become beans of the context as they are, so they are compiled once.
 */
class PolicyCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        PolicyFolder folder = Binder.get(event.getEnvironment()).bindOrCreate("dspm.policies", PolicyFolder.class);
        PolicyPack pack = PolicyLoader.load(folder.dir());
        Waivers waivers = Waivers.load(folder.dir(), pack.rules().stream().map(PolicyRule::id).collect(Collectors.toSet()));
        event.getSpringApplication().addInitializers(context -> {
            context.getBeanFactory().registerSingleton("policyPack", pack);
            context.getBeanFactory().registerSingleton("waivers", waivers);
        });
    }
}
