package dev.dspm.scanner.notify;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one message through its channel as configured now: the webhooks' URLs and the signing secret are read from
 * their settings (or files) when a message goes, never kept in the ledger.
 */
final class Dispatcher {

    private final NotifySettings settings;
    private final MailSettings mail;
    private final Clock clock;
    private final HttpDelivery http;
    private final Backoff.Sleeper sleeper;
    private SmtpDelivery smtp;

    Dispatcher(NotifySettings settings, MailSettings mail, Clock clock, Backoff.Sleeper sleeper) {
        this.settings = settings;
        this.mail = mail;
        this.clock = clock;
        this.sleeper = sleeper;
        this.http = new HttpDelivery(settings, sleeper);
    }

    /** Sends; a channel no longer configured fails the message with a line saying so, with no attempt. */
    Delivery send(Channel channel, String recipient, String subject, String body, String messageId) throws InterruptedException {
        return switch (channel) {
            case SLACK -> post(settings.slack().url(), "slack.webhook-url", body, Map.of());
            case TEAMS -> post(settings.teams().url(), "teams.webhook-url", body, Map.of());
            case WEBHOOK -> settings.webhook().key().isEmpty() ? missing("webhook.secret")
                    : settings.webhook().target().isEmpty() ? missing("webhook.url")
                    : http.post(settings.webhook().target().get(), body, attempt -> signed(messageId, body));
            case EMAIL -> mail.host() == null || settings.email().from() == null ? missing("email (spring.mail.host)")
                    : smtp().send(new Message(channel, recipient, subject, body), messageId);
        };
    }

    private Delivery post(Optional<URI> url, String setting, String body, Map<String, String> headers)
            throws InterruptedException {
        return url.isEmpty() ? missing(setting) : http.post(url.get(), body, attempt -> headers);
    }

    /** The three Standard Webhooks headers, the timestamp and signature made anew for each attempt. */
    private Map<String, String> signed(String messageId, String body) {
        long timestamp = clock.instant().getEpochSecond();
        return Map.of("webhook-id", messageId, "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", WebhookSignature.sign(settings.webhook().key().orElseThrow(), messageId, timestamp, body));
    }

    private SmtpDelivery smtp() {
        if (smtp == null) {
            smtp = new SmtpDelivery(settings, mail, sleeper);
        }
        return smtp;
    }

    private static Delivery missing(String setting) {
        return new Delivery(false, 0, NotifySettings.PREFIX + setting + " is no longer configured");
    }
}
