package dev.dspm.scanner;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

import dev.dspm.scanner.manus.ApiKeys;
import dev.dspm.scanner.manus.ManusConfiguration;
import dev.dspm.scanner.scan.ScanSettings;

/**
 * Checks every setting and key as soon as the environment is known, before any bean exists: a bad
 * configuration then exits 2 with no database opened, no migration run and no request sent.
 */
class SettingsCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ManusConfiguration.apiSettings(event.getEnvironment());
        ApiKeys.load(event.getEnvironment()::getProperty).readKey();
        ScanSettings.from(event.getEnvironment());
    }
}
