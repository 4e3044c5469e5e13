package dev.dspm.scanner.notify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The messages a run's news makes, one per configured channel and email recipient, in the order they are sent. */
final class Messages {

    private Messages() {
    }

    static List<Message> of(News news, NotifySettings settings, Instant now) {
        List<Message> messages = new ArrayList<>();
        if (settings.slack().given()) {
            messages.add(new Message(Channel.SLACK, Channel.SLACK.label(), null, SlackMessage.render(news)));
        }
        if (settings.teams().given()) {
            messages.add(new Message(Channel.TEAMS, Channel.TEAMS.label(), null, TeamsCard.render(news)));
        }
        if (settings.webhook().given()) {
            messages.add(new Message(Channel.WEBHOOK, Channel.WEBHOOK.label(), null, WebhookPayload.render(news, now)));
        }
        NotifySettings.Email email = settings.email();
        if (email.enabled()) {
            MailRoutes routes = news.mail();
            if (email.owners()) {
                routes.owners().forEach((address, findings) -> messages.add(MailText.owner(news, address, findings)));
                if (email.fallbackTo() != null && routes.departed().total() > 0) {
                    messages.add(MailText.fallback(news, email.fallbackTo(),
                            routes.departed()));
                }
            }
            if (!email.to().isEmpty()) {
                messages.add(MailText.digest(news, routes, String.join(",", email.to())));
            }
        }
        return messages;
    }
}
