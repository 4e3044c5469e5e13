package dev.dspm.scanner.notify;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.dspm.scanner.config.ConfigurationException;

/**
 * {@code spring.mail.*}: Spring Boot's names for an SMTP server, bound here because the job sends its email itself
 * (notify), and checks them with every other setting before any request. Boot's own mail sender is not used. The
 * password may also be a file ({@code spring.mail.password-file}), like every other credential of the job.
 *
 * @param host         the SMTP server; email is sent only when it is set
 * @param port         its port (default 25 for {@code smtp}, 465 for {@code smtps}; 587 is the usual STARTTLS port)
 * @param protocol     {@code smtp} (plain, or STARTTLS with {@code properties.mail.smtp.starttls.required=true}) or
 *                     {@code smtps} (TLS from the first byte)
 * @param username     the login, when the server asks for one
 * @param password     the login's password (a credential: give it in the environment, {@code SPRING_MAIL_PASSWORD})
 * @param passwordFile a file holding the password, e.g. a mounted Kubernetes Secret
 * @param properties   Jakarta Mail session properties, {@code mail.smtp.starttls.enable}, {@code mail.smtp.ssl.trust}...
 */
@ConfigurationProperties("spring.mail")
public record MailSettings(String host, Integer port, @DefaultValue("smtp") String protocol, String username,
        String password, Path passwordFile, Map<String, String> properties) {

    static final String PREFIX = "spring.mail.";

    public MailSettings {
        host = host == null || host.isBlank() ? null : host.strip();
        properties = properties == null ? Map.of() : new TreeMap<>(properties);
        if (!protocol.equals("smtp") && !protocol.equals("smtps")) {
            throw new ConfigurationException(PREFIX + "protocol must be smtp or smtps, got " + Text.printable(protocol, 40));
        }
        if (port != null && (port < 1 || port > 65_535)) {
            throw new ConfigurationException(PREFIX + "port must be 1..65535, got " + port);
        }
    }

    /** The password, from the setting or its file (checked with the other settings); empty without a login. */
    Optional<String> secret() {
        return SecretSetting.resolve(PREFIX + "password", password, passwordFile);
    }

    /** Never the password. */
    @Override
    public String toString() {
        return "MailSettings[" + protocol + "://" + host + (port == null ? "" : ":" + port)
                + (username == null ? "" : ", login " + username) + ", properties=" + properties.keySet() + "]";
    }
}
