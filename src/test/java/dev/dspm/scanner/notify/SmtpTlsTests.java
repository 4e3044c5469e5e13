package dev.dspm.scanner.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.Console;
import dev.dspm.scanner.DspmScannerApplication;

/**
 * Email over TLS from the first byte ({@code spring.mail.protocol=smtps}) with a login, to GreenMail's SMTPS server
 * (its own certificate, trusted through Jakarta Mail's {@code mail.smtps.ssl.*} properties); a plain-text server
 * asked for TLS is a failed message, not a message sent in the clear.
 */
class SmtpTlsTests {

    @TempDir
    Path dir;

    GreenMail smtps = new GreenMail(Receivers.loopback(ServerSetup.PROTOCOL_SMTPS));
    GreenMail plain = new GreenMail(Receivers.loopback(ServerSetup.PROTOCOL_SMTP));

    @AfterEach
    void stop() {
        smtps.stop();
        plain.stop();
    }

    @Test
    void anEmailGoesOverTlsWithALoginAndNeverInTheClearWhenTlsWasAsked() throws Exception {
        smtps.setUser(Receivers.SMTP_USER, Receivers.SMTP_PASSWORD);
        smtps.start();
        plain.start();

        Console.Captured tls = notifyTest(smtps.getSmtps().getPort());
        Console.Captured clear = notifyTest(plain.getSmtp().getPort());

        assertThat(tls.exit()).as(tls.all()).isZero();
        assertThat(tls.out()).contains("email to " + Receivers.SECURITY + ": sent (accepted by 127.0.0.1)");
        assertThat(smtps.getReceivedMessages()).hasSize(1);
        assertThat(clear.exit()).isEqualTo(1);
        assertThat(clear.out()).contains("email to " + Receivers.SECURITY + ": FAILED: SMTP failed");
        assertThat(plain.getReceivedMessages()).isEmpty();
    }

    private Console.Captured notifyTest(int port) throws Exception {
        return Console.capture(() -> DspmScannerApplication.run(new String[] {"--notify-test",
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + port, "--spring.mail.protocol=smtps",
                "--spring.mail.properties.mail.smtps.ssl.trust=127.0.0.1",
                // GreenMail's certificate names no host: the identity check, on by default, is off for it alone
                "--spring.mail.properties.mail.smtps.ssl.checkserveridentity=false", "--spring.mail.username=" + Receivers.SMTP_USER,
                "--spring.mail.password=" + Receivers.SMTP_PASSWORD, "--dspm.notify.email.from=" + Receivers.FROM,
                "--dspm.notify.email.to=" + Receivers.SECURITY, "--dspm.notify.max-attempts=1",
                "--dspm.notify.timeout=PT3S", "--dspm.report.dir=" + dir.resolve("reports")}, Map.of()));
    }
}
