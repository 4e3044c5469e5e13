package dev.dspm.scanner.notify;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Sends an email through the SMTP server of {@code spring.mail.*}: plain text in UTF-8, with the Message-ID the ledger
 * gave it (a resent copy is recognisably the same mail) and {@code Auto-Submitted} (no auto-replies to a job). A
 * refused login or a 5xx answer fails at once; anything else (a 4xx, a timeout, no connection) is tried again.
 */
final class SmtpDelivery {

    private final NotifySettings settings;
    private final JavaMailSenderImpl sender;
    private final Backoff backoff;
    private final Backoff.Sleeper sleeper;

    SmtpDelivery(NotifySettings settings, MailSettings mail, Backoff.Sleeper sleeper) {
        this.settings = settings;
        this.backoff = new Backoff(settings);
        this.sleeper = sleeper;
        this.sender = new JavaMailSenderImpl();
        sender.setHost(mail.host());
        if (mail.port() != null) {
            sender.setPort(mail.port());
        }
        sender.setProtocol(mail.protocol());
        sender.setUsername(mail.username());
        mail.secret().ifPresent(sender::setPassword);
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        Properties properties = new Properties();
        String prefix = "mail." + mail.protocol() + ".";
        String millis = Long.toString(settings.timeout().toMillis());
        // without these, Jakarta Mail waits forever on a server that accepts the connection and says nothing
        properties.setProperty(prefix + "connectiontimeout", millis);
        properties.setProperty(prefix + "timeout", millis);
        properties.setProperty(prefix + "writetimeout", millis);
        if (mail.username() != null) {
            properties.setProperty(prefix + "auth", "true");
        }
        properties.putAll(mail.properties());
        sender.setJavaMailProperties(properties);
    }

    Delivery send(Message message, String messageId) throws InterruptedException {
        String last = "not sent";
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            try {
                sender.send(mime(message, messageId));
                return new Delivery(true, attempt, "accepted by " + sender.getHost());
            } catch (MailAuthenticationException e) {
                return new Delivery(false, attempt, "the SMTP server refused the login (spring.mail.username, "
                        + "spring.mail.password)");
            } catch (MailException | MessagingException e) {
                Optional<Integer> code = smtpCode(e);
                last = code.map(c -> "SMTP " + c).orElse("SMTP failed") + " (" + cause(e) + ")";
                if (code.isPresent() && code.get() >= 500) {
                    return new Delivery(false, attempt, last);
                }
            }
            if (attempt == settings.maxAttempts()) {
                break;
            }
            sleeper.sleep(backoff.after(attempt, null).orElseThrow());
        }
        return new Delivery(false, settings.maxAttempts(), last + " after " + Text.count(settings.maxAttempts(), "attempt"));
    }

    private MimeMessage mime(Message message, String messageId) throws MessagingException {
        MimeMessage mime = new FixedIdMessage(sender.getSession(), "<" + messageId + "@dspm-scanner>");
        mime.setFrom(Addresses.require(NotifySettings.PREFIX + "email.from", settings.email().from()));
        mime.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(message.recipient(), true));
        mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
        mime.setText(message.body(), StandardCharsets.UTF_8.name());
        mime.setHeader("Auto-Submitted", "auto-generated");
        return mime;
    }

    /** The SMTP reply code in the failure, when the server gave one (Angus Mail's exceptions carry it). */
    private static Optional<Integer> smtpCode(Exception failure) {
        Throwable[] roots = failure instanceof MailSendException send && send.getMessageExceptions().length > 0
                ? send.getMessageExceptions() : new Throwable[] {failure};
        for (Throwable root : roots) {
            // a MessagingException's cause is its next exception
            for (Throwable t = root; t != null; t = t.getCause() == t ? null : t.getCause()) {
                try {
                    return Optional.of((Integer) t.getClass().getMethod("getReturnCode").invoke(t));
                } catch (ReflectiveOperationException | ClassCastException notSmtp) {
                    // not an SMTP exception: look deeper
                }
            }
        }
        return Optional.empty();
    }

    /** The innermost cause's type and its first line: an SMTP reply or a connection error, never a credential. */
    private static String cause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + Text.printable(root.getMessage().lines().findFirst().orElse(""), 200);
        return root.getClass().getSimpleName() + message;
    }

    /** Jakarta Mail gives every message a new Message-ID when it is saved; this one keeps the ledger's. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
