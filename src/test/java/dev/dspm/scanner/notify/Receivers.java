package dev.dspm.scanner.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

/**
 * Real receivers on loopback for every channel: one WireMock server for Slack ({@code /slack}), Teams ({@code /teams})
 * and the webhook ({@code /hook}), answering 200 unless a test says otherwise, and a GreenMail SMTP server with a
 * login. Paths carry a secret-looking token, as real webhook URLs do, for the tests that look for it in outputs.
 */
public final class Receivers implements AutoCloseable {

    /** The part of each webhook URL that is a credential. */
    public static final String URL_TOKEN = "T0SECRET/B0SECRET/xoxb-url-token-4f9a";
    public static final String SLACK = "/slack/" + URL_TOKEN;
    public static final String TEAMS = "/teams/" + URL_TOKEN;
    public static final String HOOK = "/hook/" + URL_TOKEN;
    /** A Standard Webhooks secret: whsec_ and the base64 of 32 bytes. */
    public static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYo=";
    public static final String SMTP_USER = "dspm-mailer";
    public static final String SMTP_PASSWORD = "smtp-pass-9c1e77d2";
    public static final String FROM = "dspm-scanner@acme.example";
    public static final String SECURITY = "security@acme.example";
    public static final String FALLBACK = "offboarding@acme.example";

    public final WireMockServer http = new WireMockServer(wireMockConfig().dynamicPort());
    public final GreenMail smtp = new GreenMail(loopback(ServerSetup.PROTOCOL_SMTP));

    public Receivers() {
        http.start();
        for (String path : List.of(SLACK, TEAMS, HOOK)) {
            http.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200).withBody("ok")));
        }
        smtp.setUser(SMTP_USER, SMTP_PASSWORD);
        smtp.start();
    }

    /**
     * A GreenMail server of the protocol on a free loopback port. Its start waits up to 30 s, not GreenMail's 2 s: an
     * SMTPS server loads its certificate first, which took longer than 2 s on a busy 2-core machine.
     */
    static ServerSetup loopback(String protocol) {
        ServerSetup setup = new ServerSetup(0, "127.0.0.1", protocol);
        setup.setServerStartupTimeout(30_000);
        return setup;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + http.port() + path;
    }

    /** Every channel: Slack, Teams, the signed webhook, and email (a digest, owners, a fallback) with a login. */
    public List<String> allChannels(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--dspm.notify.slack.webhook-url=" + url(SLACK),
                "--dspm.notify.teams.webhook-url=" + url(TEAMS),
                "--dspm.notify.webhook.url=" + url(HOOK),
                "--dspm.notify.webhook.secret=" + SECRET,
                "--dspm.notify.email.from=" + FROM,
                "--dspm.notify.email.to=" + SECURITY,
                "--dspm.notify.email.owners=true",
                "--dspm.notify.email.fallback-to=" + FALLBACK,
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtpPort(),
                "--spring.mail.username=" + SMTP_USER,
                "--spring.mail.password=" + SMTP_PASSWORD,
                "--dspm.notify.initial-backoff=PT0.01S",
                "--dspm.notify.max-backoff=PT2S"));
        args.addAll(Arrays.asList(more));
        return args;
    }

    public int smtpPort() {
        return smtp.getSmtp().getPort();
    }

    public List<LoggedRequest> posts(String path) {
        return http.findAll(postRequestedFor(urlEqualTo(path)));
    }

    public List<MimeMessage> mails() {
        return List.of(smtp.getReceivedMessages());
    }

    @Override
    public void close() {
        http.stop();
        smtp.stop();
    }
}
