package dev.dspm.scanner.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.dspm.scanner.config.ConfigurationException;

/** An owner's email from the API reaches one mailbox or none: never a second one through a list, a name or a header. */
class AddressesTests {

    @Test
    void onePlainAddressIsKeptLowerCased() {
        assertThat(Addresses.bare("Ann.Lee+dspm@Acme.Example")).contains("ann.lee+dspm@acme.example");
    }

    @ParameterizedTest
    @ValueSource(strings = { "ann@acme.example, eve@evil.example", "ann@acme.example;eve@evil.example",
            "Ann <ann@acme.example>", "ann@acme.example\r\nBcc: eve@evil.example", "ann@acme.example eve@evil.example",
            "ann", "@acme.example", "ann@", "", " ", "ann@acme.example\u0000", "\"a,b\"@acme.example", "ann@@acme.example" })
    void anythingElseIsNoAddress(String text) {
        assertThat(Addresses.bare(text)).isEmpty();
    }

    @Test
    void noneIsNoAddress() {
        assertThat(Addresses.bare(null)).isEmpty();
    }

    @Test
    void aSettingsRecipientIsOnePlainAddressOrExitTwo() {
        assertThat(Addresses.requireBare("dspm.notify.email.to", "Sec@Acme.Example")).isEqualTo("sec@acme.example");
        assertThatThrownBy(() -> Addresses.requireBare("dspm.notify.email.to", "Security <sec@acme.example>"))
                .isInstanceOf(ConfigurationException.class).hasMessage("dspm.notify.email.to is not one plain email "
                        + "address (name@domain, no display name): Security <sec@acme.example>");
        assertThat(Addresses.require("dspm.notify.email.from", "dspm-scanner <dspm@acme.example>").getAddress())
                .isEqualTo("dspm@acme.example");
        assertThatThrownBy(() -> Addresses.require("dspm.notify.email.from", "a@x.example, b@y.example"))
                .hasMessage("dspm.notify.email.from is not one email address: a@x.example, b@y.example");
    }
}
