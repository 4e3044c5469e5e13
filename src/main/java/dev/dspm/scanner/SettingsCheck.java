package dev.dspm.scanner;

import java.util.List;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

import dev.dspm.scanner.config.ConfigurationException;
import dev.dspm.scanner.config.SettingsType;
import dev.dspm.scanner.config.UnknownSettings;
import dev.dspm.scanner.export.ExportSettings;
import dev.dspm.scanner.manus.ApiKeys;
import dev.dspm.scanner.remediation.RemediationSettings;
import dev.dspm.scanner.report.ReportSettings;
import dev.dspm.scanner.run.RejudgeLaunch;
import dev.dspm.scanner.scan.ScanSettings;

/**
 * Checks every setting and key as soon as the environment is known, before any bean exists: a bad
 * configuration then exits 2 with no database opened, no migration run and no request sent. It binds the
 * same {@code @ConfigurationProperties} records the beans are bound from, with the same binder.
 */
class SettingsCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        List<SettingsType> types = SettingsType.all();
        new UnknownSettings(types.stream().flatMap(type -> type.names().stream()).toList()).find(environment)
                .ifPresent(unknown -> {
                    throw new ConfigurationException(unknown);
                });
        Binder binder = Binder.get(environment);
        boolean apply = false;
        boolean byEmail = false;
        for (SettingsType type : types) {
            Object settings = type.bind(binder);
            // Before any request: a run must not scan for an hour and then find it cannot write its report.
            if (settings instanceof ReportSettings report) {
                report.checkWritable();
            }
            if (settings instanceof ExportSettings export) {
                export.checkToken();
            }
            apply |= settings instanceof RemediationSettings remediation && remediation.mode() == RemediationSettings.Mode.APPLY;
            byEmail |= settings instanceof ScanSettings scan && !scan.ownerEmails().isEmpty();
        }
        // Re-judging a stored snapshot sends no request, so it needs no key.
        if (!environment.containsProperty(RejudgeLaunch.PROPERTY)) {
            ApiKeys keys = ApiKeys.load(environment::getProperty);
            keys.readKey();
            if (apply && keys.writeKey().isEmpty()) {
                throw new ConfigurationException("dspm.remediation.mode=apply changes shares with team.asset.update_scope, "
                        + "which only the management key may call: set " + ApiKeys.MGMT_KEY_ENV + " or "
                        + ApiKeys.MGMT_KEY_FILE_ENV + " (the audit key can only read), or use dspm.remediation.mode=plan");
            }
            if (byEmail && keys.userKey().isEmpty()) {
                throw new ConfigurationException("dspm.scan.owner-emails is resolved to owner ids through team.user.list, "
                        + "which only a Team User Management key may call: set " + ApiKeys.USER_KEY_ENV + " or "
                        + ApiKeys.USER_KEY_FILE_ENV + ", or name the owners by id with dspm.scan.owner-ids");
            }
        }
    }
}
