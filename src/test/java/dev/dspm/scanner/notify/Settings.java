package dev.dspm.scanner.notify;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.dspm.scanner.policy.Severity;

/** Notification settings for the tests that send without a run. */
final class Settings {

    static final MailSettings NO_MAIL = new MailSettings(null, null, "smtp", null, null, null, Map.of());

    private Settings() {
    }

    /** Slack alone at {@code slackUrl}. */
    static NotifySettings of(String slackUrl) {
        return channels(slackUrl, null, null, null, 4, Duration.ofMillis(10), Duration.ofSeconds(2));
    }

    static NotifySettings channels(String slack, String teams, String webhook, String secret, int maxAttempts,
            Duration initialBackoff, Duration maxBackoff) {
        return new NotifySettings(new NotifySettings.Slack(slack, null), new NotifySettings.Teams(teams, null),
                new NotifySettings.Webhook(webhook, null, secret, null), new NotifySettings.Email(null, List.of(), false, null),
                Severity.HIGH, null, false, false, maxAttempts, initialBackoff, maxBackoff, Duration.ofSeconds(5));
    }
}
