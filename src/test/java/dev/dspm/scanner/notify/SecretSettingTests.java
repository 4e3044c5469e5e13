package dev.dspm.scanner.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.config.ConfigurationException;

/** A credential from its setting or its file, once, and the settings records that never show one. */
class SecretSettingTests {

    @TempDir
    Path dir;

    @Test
    void fromTheSettingOrItsFileStrippedAndBlankIsUnset() throws Exception {
        Path file = Files.writeString(dir.resolve("secret"), "  s3cret-from-file\n");

        assertThat(SecretSetting.resolve("x", " s3cret ", null)).contains("s3cret");
        assertThat(SecretSetting.resolve("x", null, file)).contains("s3cret-from-file");
        assertThat(SecretSetting.resolve("x", "  ", Path.of(""))).isEmpty();
        assertThat(SecretSetting.given(null, Path.of(""))).isFalse();
        assertThat(SecretSetting.given("", null)).isFalse();
        assertThat(SecretSetting.given(null, file)).isTrue();
        assertThatThrownBy(() -> SecretSetting.resolve("x", "s3cret", file)).isInstanceOf(ConfigurationException.class)
                .hasMessage("both x and x-file are set; set only one");
    }

    @Test
    void theSettingsRecordsShowNoCredential() {
        NotifySettings settings = Settings.channels("https://hooks.example/T/B/s3cretA", "https://teams.example/s3cretB",
                "https://siem.example/s3cretC", "whsec_s3cretD", 4, Duration.ofSeconds(1),
                Duration.ofSeconds(30));
        MailSettings mail = new MailSettings("smtp.acme.example", 587, "smtp", "dspm", "s3cretE", null,
                Map.of("mail.smtp.starttls.required", "true"));

        assertThat(settings.toString() + mail).doesNotContain("s3cret").contains("Slack[set]", "Teams[set]", "Webhook[set]",
                "MailSettings[smtp://smtp.acme.example:587, login dspm, properties=[mail.smtp.starttls.required]]");
    }
}
