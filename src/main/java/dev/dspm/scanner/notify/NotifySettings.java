package dev.dspm.scanner.notify;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.dspm.scanner.config.ConfigurationException;
import dev.dspm.scanner.policy.Severity;

/**
 * {@code dspm.notify.*}: who is told what when a run ends. Every channel is optional; none is configured by default.
 * The webhook URLs and the signing secret are credentials (whoever holds a Slack or Teams webhook URL can post to the
 * channel): give them in the environment or in a file ({@code -file}), never on a shared command line; they appear in
 * no output.
 *
 * @param slack          a Slack incoming webhook
 * @param teams          a Microsoft Teams Workflows webhook
 * @param webhook        a generic webhook, signed as the Standard Webhooks specification says
 * @param email          email over SMTP ({@code spring.mail.*}): a digest, and one email per owner
 * @param minSeverity    new findings at or above this severity are news; lower ones are only counted
 * @param reportUrl      where readers find the report (report.html is a file on the host that ran the job), linked
 *                       from every message; without it, messages name the report's path
 * @param always         send a message for every run, even one with nothing to say: a daily heartbeat
 * @param rejudge        notify after {@code --rejudge} too (by default a re-judge sends nothing)
 * @param maxAttempts    attempts per message, the first included, 1..10; a 429 or 5xx answer, a timeout or a dropped
 *                       connection is tried again
 * @param initialBackoff the wait before the second attempt; doubles per attempt, never less than a 429's Retry-After
 * @param maxBackoff     the longest wait between attempts; a Retry-After asking for longer fails the message instead
 * @param timeout        how long one attempt may take to connect, and again to be answered
 */
@ConfigurationProperties("dspm.notify")
public record NotifySettings(@DefaultValue Slack slack, @DefaultValue Teams teams, @DefaultValue Webhook webhook,
        @DefaultValue Email email, @DefaultValue("HIGH") Severity minSeverity, URI reportUrl, boolean always,
        boolean rejudge, @DefaultValue("4") int maxAttempts, @DefaultValue("PT1S") Duration initialBackoff,
        @DefaultValue("PT30S") Duration maxBackoff, @DefaultValue("PT10S") Duration timeout) {

    static final String PREFIX = "dspm.notify.";

    public NotifySettings {
        Objects.requireNonNull(minSeverity, "minSeverity");
        if (reportUrl != null) {
            httpUrl(PREFIX + "report-url", reportUrl);
        }
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new ConfigurationException(PREFIX + "max-attempts must be 1..10, got " + maxAttempts);
        }
        positive("initial-backoff", initialBackoff);
        positive("max-backoff", maxBackoff);
        positive("timeout", timeout);
    }

    /** Whether any channel is configured: without one, the run ends as it always did. */
    public boolean anyChannel() {
        return slack.given() || teams.given() || webhook.given() || email.enabled();
    }

    /**
     * What binding does not check, with the other settings before any request: each credential readable (its file),
     * given once, and well-formed; and an SMTP server for email.
     */
    public void check(MailSettings mail) {
        slack.url();
        teams.url();
        if (webhook.target().isPresent() && webhook.key().isEmpty()) {
            throw new ConfigurationException(PREFIX + "webhook.url needs " + PREFIX + "webhook.secret (or -file): every "
                    + "message is signed, so that the receiver can tell it came from this job");
        }
        webhook.key().ifPresent(WebhookSignature::check);
        mail.secret();
        if (email.enabled() && mail.host() == null) {
            throw new ConfigurationException(PREFIX + "email needs an SMTP server: set spring.mail.host (and spring.mail.port, "
                    + "spring.mail.username, spring.mail.password)");
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new ConfigurationException(PREFIX + name + " must be a positive duration, got " + value);
        }
    }

    /** An absolute http(s) URL with a host; the value itself is never echoed, as a webhook's URL is a credential. */
    static URI httpUrl(String name, URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null || url.getRawUserInfo() != null) {
            throw new ConfigurationException(name + " is not an http or https URL with a host (and no user:password@)");
        }
        return url;
    }

    static Optional<URI> secretUrl(String name, String value, Path file) {
        return SecretSetting.resolve(name, value, file).map(text -> {
            URI url;
            try {
                url = URI.create(text);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(name + " is not a URL");
            }
            return httpUrl(name, url);
        });
    }

    /**
     * A Slack incoming webhook.
     *
     * @param webhookUrl     the incoming webhook's URL (a credential), {@code https://hooks.slack.com/services/...}
     * @param webhookUrlFile a file holding that URL, e.g. a mounted Kubernetes Secret
     */
    public record Slack(String webhookUrl, Path webhookUrlFile) {

        Optional<URI> url() {
            return url(webhookUrl, webhookUrlFile);
        }

        boolean given() {
            return SecretSetting.given(webhookUrl, webhookUrlFile);
        }

        private static Optional<URI> url(String value, Path file) {
            return secretUrl(PREFIX + "slack.webhook-url", value, file);
        }

        @Override
        public String toString() {
            return "Slack[" + (given() ? "set" : "unset") + "]";
        }
    }

    /**
     * A Microsoft Teams Workflows webhook ("When a Teams webhook request is received"), posting an Adaptive Card.
     *
     * @param webhookUrl     the workflow's HTTP POST URL (a credential: it carries its signature)
     * @param webhookUrlFile a file holding that URL
     */
    public record Teams(String webhookUrl, Path webhookUrlFile) {

        Optional<URI> url() {
            return url(webhookUrl, webhookUrlFile);
        }

        boolean given() {
            return SecretSetting.given(webhookUrl, webhookUrlFile);
        }

        private static Optional<URI> url(String value, Path file) {
            return secretUrl(PREFIX + "teams.webhook-url", value, file);
        }

        @Override
        public String toString() {
            return "Teams[" + (given() ? "set" : "unset") + "]";
        }
    }

    /**
     * A generic webhook: the run's summary and its new findings as JSON, signed per the Standard Webhooks specification
     * ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}).
     *
     * @param url        where to POST (treated as a credential, like the Slack and Teams URLs)
     * @param urlFile    a file holding that URL
     * @param secret     the signing secret, {@code whsec_} and the base64 of 24 to 64 random bytes; needed with a url
     * @param secretFile a file holding the signing secret
     */
    public record Webhook(String url, Path urlFile, String secret, Path secretFile) {

        Optional<URI> target() {
            return target(url, urlFile);
        }

        Optional<String> key() {
            return key(secret, secretFile);
        }

        boolean given() {
            return SecretSetting.given(url, urlFile);
        }

        private static Optional<URI> target(String value, Path file) {
            return secretUrl(PREFIX + "webhook.url", value, file);
        }

        private static Optional<String> key(String value, Path file) {
            return SecretSetting.resolve(PREFIX + "webhook.secret", value, file);
        }

        @Override
        public String toString() {
            return "Webhook[" + (given() ? "set" : "unset") + "]";
        }
    }

    /**
     * Email over SMTP, through {@code spring.mail.*}.
     *
     * @param from       the sender's address
     * @param to         the security team's addresses (plain ones, {@code security@acme.example}): one digest of the run to
     *                   all of them
     * @param owners     also send each owner one email with only their own new findings and how to fix each (needs
     *                   the user key, {@code MANUS_USER_MGMT_KEY}, to know the owners)
     * @param fallbackTo where the findings of owners who left the team (inactive or removed) go, instead of the digest
     */
    public record Email(String from, List<String> to, boolean owners, String fallbackTo) {

        public Email {
            to = to == null ? List.of() : to.stream().filter(address -> !address.isBlank()).map(String::strip).toList();
            from = from == null || from.isBlank() ? null : from.strip();
            fallbackTo = fallbackTo == null || fallbackTo.isBlank() ? null : fallbackTo.strip();
            if (!to.isEmpty() || owners) {
                if (from == null) {
                    throw new ConfigurationException(PREFIX + "email.from is needed to send email");
                }
                Addresses.require(PREFIX + "email.from", from);
            }
            to = to.stream().map(address -> Addresses.requireBare(PREFIX + "email.to", address)).toList();
            if (fallbackTo != null) {
                if (!owners) {
                    throw new ConfigurationException(PREFIX + "email.fallback-to is where departed owners' findings go "
                            + "instead of their owner: it needs " + PREFIX + "email.owners=true");
                }
                fallbackTo = Addresses.requireBare(PREFIX + "email.fallback-to", fallbackTo);
            }
        }

        boolean enabled() {
            return !to.isEmpty() || owners;
        }
    }
}
