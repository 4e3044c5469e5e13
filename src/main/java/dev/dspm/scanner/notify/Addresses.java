package dev.dspm.scanner.notify;

import java.util.Locale;
import java.util.Optional;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import dev.dspm.scanner.config.ConfigurationException;

/**
 * Email addresses, strictly: one bare address each. An owner's email comes from the API and is hostile like any tenant
 * text; {@code a@x, b@y} or a line break must never make one owner's findings reach a second mailbox.
 */
final class Addresses {

    private Addresses() {
    }

    /** The address, lower-cased, when {@code text} is exactly one bare address; empty otherwise. */
    static Optional<String> bare(String text) {
        if (text == null || text.isBlank() || text.chars().anyMatch(c -> c < 0x21 || c == 0x7f || c == ',' || c == ';')) {
            return Optional.empty();
        }
        try {
            InternetAddress[] parsed = InternetAddress.parse(text, true);
            if (parsed.length != 1 || parsed[0].getPersonal() != null || !parsed[0].getAddress().equals(text)
                    || !text.contains("@")) {
                return Optional.empty();
            }
            parsed[0].validate();
            return Optional.of(text.toLowerCase(Locale.ROOT));
        } catch (AddressException e) {
            return Optional.empty();
        }
    }

    /** A recipient's address in a setting: one bare address, lower-cased; exit 2 otherwise. */
    static String requireBare(String setting, String text) {
        return bare(text).orElseThrow(() -> new ConfigurationException(setting + " is not one plain email address "
                + "(name@domain, no display name): " + Text.printable(text, 200)));
    }

    /** A setting's address: one, bare or with a name ({@code Security <sec@acme.example>}); exit 2 otherwise. */
    static InternetAddress require(String setting, String text) {
        try {
            InternetAddress[] parsed = InternetAddress.parse(text, true);
            if (parsed.length != 1) {
                throw new AddressException("not one address");
            }
            parsed[0].validate();
            return parsed[0];
        } catch (AddressException e) {
            throw new ConfigurationException(setting + " is not one email address: " + Text.printable(text, 200));
        }
    }
}
