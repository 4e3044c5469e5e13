package dev.dspm.scanner;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

import dev.dspm.scanner.config.ConfigurationException;
import dev.dspm.scanner.config.SettingsType;
import dev.dspm.scanner.config.UnknownSettings;
import dev.dspm.scanner.export.ExportSettings;
import dev.dspm.scanner.logging.InertText;
import dev.dspm.scanner.manus.ApiKeys;
import dev.dspm.scanner.notify.MailSettings;
import dev.dspm.scanner.notify.NotifySettings;
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
        NotifySettings notify = null;
        MailSettings mail = null;
        for (SettingsType type : types) {
            Object settings = type.bind(binder);
            notify = settings instanceof NotifySettings n ? n : notify;
            mail = settings instanceof MailSettings m ? m : mail;
            // Before any request: a run must not scan for an hour and then find it cannot write its report.
            if (settings instanceof ReportSettings report && !environment.containsProperty(NotifyTestCommand.PROPERTY)) {
                report.checkWritable();
            }
            if (settings instanceof ExportSettings export) {
                export.checkToken();
            }
            if (settings instanceof ScanSettings scan) {
                refuseEmptyFilters(environment, scan);
            }
            apply |= settings instanceof RemediationSettings remediation && remediation.mode() == RemediationSettings.Mode.APPLY;
            byEmail |= settings instanceof ScanSettings scan && !scan.ownerEmails().isEmpty();
        }
        notify.check(mail);
        // Re-judging a stored snapshot sends no request, so it needs no key; nor does a test of the notifications.
        if (!environment.containsProperty(RejudgeLaunch.PROPERTY) && !environment.containsProperty(NotifyTestCommand.PROPERTY)) {
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

    /**
     * A filter given but naming nothing ({@code --dspm.scan.owner-emails=,}) binds to an empty list, which means "no
     * filter": the offboarding scan of one person would have scanned, and could have tightened, the whole tenant.
     */
    private static void refuseEmptyFilters(ConfigurableEnvironment environment, ScanSettings scan) {
        Map<String, List<?>> filters = Map.of("dspm.scan.owner-emails", scan.ownerEmails(), "dspm.scan.owner-ids", scan.ownerIds(),
                "dspm.scan.asset-types", scan.assetTypes());
        filters.forEach((name, values) -> {
            // Spring binds " " to one empty element, and "," to none.
            if (values.stream().allMatch(value -> value == null || value.toString().isBlank()) && environment.getProperty(name) != null) {
                throw new ConfigurationException(name + "=" + InertText.line(environment.getProperty(name)) + " names nothing; "
                        + "name at least one, or leave the setting out to scan them all");
            }
        });
    }
}
