package dev.dspm.scanner.notify;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code --notify-test}: one test message to every configured channel (the digest's and the fallback's addresses for
 * email; owners are never sent a test), with no run and no ledger, so that a wrong URL, secret or SMTP login shows
 * the day it is set rather than the night something happens.
 */
public final class TestMessages {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One channel's outcome: the line to print, and whether it was delivered. */
    public record Result(String line, boolean delivered) {
    }

    private TestMessages() {
    }

    /** Sends them; empty when no channel is configured. */
    public static List<Result> send(NotifySettings settings, MailSettings mail, String tenant, String host, Clock clock)
            throws InterruptedException {
        Dispatcher dispatcher = new Dispatcher(settings, mail, clock, Backoff.REAL);
        String about = "dspm-scanner test message for " + tenant + " from " + host
                + ": this channel will be told when a run has something to say.";
        List<Result> results = new ArrayList<>();
        if (settings.slack().given()) {
            ObjectNode slack = JSON.createObjectNode().put("text", SlackMessage.escape(about));
            slack.putArray("blocks").addObject().put("type", "section").putObject("text").put("type", "plain_text")
                    .put("emoji", false).put("text", Text.printable(about, 2_000));
            results.add(result("slack", dispatcher.send(Channel.SLACK, "slack", null, JSON.writeValueAsString(slack), id())));
        }
        if (settings.teams().given()) {
            ObjectNode message = JSON.createObjectNode().put("type", "message");
            ObjectNode attachment = message.putArray("attachments").addObject()
                    .put("contentType", "application/vnd.microsoft.card.adaptive");
            attachment.putNull("contentUrl");
            ObjectNode card = attachment.putObject("content").put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                    .put("type", "AdaptiveCard").put("version", "1.4");
            card.putArray("body").addObject().put("type", "RichTextBlock").putArray("inlines").addObject()
                    .put("type", "TextRun").put("text", Text.printable(about, 2_000));
            results.add(result("teams", dispatcher.send(Channel.TEAMS, "teams", null, JSON.writeValueAsString(message), id())));
        }
        if (settings.webhook().given()) {
            ObjectNode event = JSON.createObjectNode().put("type", "dspm.test").put("timestamp", clock.instant().toString());
            event.putObject("data").put("tenant", tenant).put("host", host).put("message", about);
            results.add(result("webhook", dispatcher.send(Channel.WEBHOOK, "webhook", null, JSON.writeValueAsString(event), id())));
        }
        NotifySettings.Email email = settings.email();
        List<String> addresses = new ArrayList<>(email.to());
        if (email.fallbackTo() != null) {
            addresses.add(email.fallbackTo());
        }
        for (String address : addresses) {
            results.add(result("email to " + address, dispatcher.send(Channel.EMAIL, address,
                    Text.printable("dspm-scanner test message for " + tenant, 200), about + "\n", id())));
        }
        if (email.enabled() && addresses.isEmpty()) {
            results.add(new Result("email: not tested (owners only: set dspm.notify.email.to to test the SMTP server)", true));
        }
        return results;
    }

    private static Result result(String channel, Delivery delivery) {
        return new Result(channel + ": " + (delivery.sent() ? "sent (" + delivery.detail() + ")" : "FAILED: " + delivery.detail()),
                delivery.sent());
    }

    private static String id() {
        return "msg_test_" + UUID.randomUUID().toString().replace("-", "");
    }
}
