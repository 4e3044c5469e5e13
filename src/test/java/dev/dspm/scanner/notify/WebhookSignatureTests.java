package dev.dspm.scanner.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import dev.dspm.scanner.config.ConfigurationException;

/** The signature against the Standard Webhooks specification's own example, and the secrets it refuses. */
class WebhookSignatureTests {

    @Test
    void signsTheSpecificationsExampleAsTheSpecificationDoes() {
        assertThat(WebhookSignature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L, "{\"test\": 2432232314}")).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aSecretIsWhsecAndTheBase64OfTwentyFourToSixtyFourBytes() {
        String key24 = Base64.getEncoder().encodeToString(new byte[24]);
        String key64 = Base64.getEncoder().encodeToString(new byte[64]);
        assertThat(WebhookSignature.check("whsec_" + key24)).hasSize(24);
        assertThat(WebhookSignature.check("whsec_" + key64)).hasSize(64);
        assertThatThrownBy(() -> WebhookSignature.check(key24)).isInstanceOf(ConfigurationException.class)
                .hasMessage("dspm.notify.webhook.secret must start with whsec_ (a Standard Webhooks secret)");
        assertThatThrownBy(() -> WebhookSignature.check("whsec_not base64!")).isInstanceOf(ConfigurationException.class)
                .hasMessage("dspm.notify.webhook.secret: the part after whsec_ is not base64");
        assertThatThrownBy(() -> WebhookSignature.check("whsec_" + Base64.getEncoder().encodeToString(new byte[23])))
                .hasMessage("dspm.notify.webhook.secret must hold 24 to 64 random bytes after whsec_, it holds 23");
        assertThatThrownBy(() -> WebhookSignature.check("whsec_" + Base64.getEncoder().encodeToString(new byte[65])))
                .hasMessage("dspm.notify.webhook.secret must hold 24 to 64 random bytes after whsec_, it holds 65");
    }
}
