package dev.dspm.scanner.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.config.ConfigurationException;

/** {@code dspm.export.http.*}: what is refused at start-up, where the token comes from, and that it is never printed. */
class ExportSettingsTests {

    @TempDir
    Path dir;

    @Test
    void theTokenComesFromTheSettingOrItsFileReadWhenNeededAndIsNeverPrinted() throws IOException {
        Path file = Files.writeString(dir.resolve("token"), "  from-the-file\n");
        ExportSettings fromFile = settings("https://siem.example:8088/in?auth=q", null, file);
        assertThat(fromFile.secret()).contains("from-the-file");
        Files.writeString(file, "rotated\n");
        assertThat(fromFile.secret()).as("read when needed: a rotated Secret is read anew").contains("rotated");
        assertThat(fromFile.toString()).doesNotContain("rotated").doesNotContain("auth=q").contains("token from " + file);

        ExportSettings given = settings("https://siem.example/in", "s3cret", null);
        assertThat(given.secret()).contains("s3cret");
        assertThat(given.toString()).doesNotContain("s3cret").isEqualTo(
                "ExportSettings[https://siem.example/in, json, batches of 200, token set]");
        assertThat(settings("https://siem.example/in", null, null).secret()).isEmpty();
        assertThat(settings(null, null, null).enabled()).isFalse();
        assertThat(settings(null, null, null).toString()).isEqualTo("ExportSettings[off]");
        assertThat(settings("http://siem.example:9000/a/b?x=1", null, null).target())
                .as("never the query: it may hold a credential").isEqualTo("http://siem.example:9000/a/b");
    }

    @Test
    void aTokenThatCannotBeUsedIsRefused() throws IOException {
        assertThatThrownBy(() -> settings("https://s.example/in", "a", dir.resolve("t")).checkToken())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("both set");
        assertThatThrownBy(() -> settings("https://s.example/in", null, dir.resolve("missing")).checkToken())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("dspm.export.http.token-file=")
                .hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> settings("https://s.example/in", "line\r\nX-Evil: 1", null).checkToken())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("control character")
                .hasMessageNotContaining("X-Evil");
        Path blank = Files.writeString(dir.resolve("blank"), "\n");
        assertThatThrownBy(() -> settings("https://s.example/in", null, blank).checkToken())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("token-file holds no usable token");
        assertThatThrownBy(() -> settings("https://s.example/in", "tab\tin", null).checkToken())
                .hasMessageContaining("token is no usable token");
        assertThatThrownBy(() -> settings("https://s.example/in", "del\u007f", null).checkToken())
                .hasMessageContaining("token is no usable token");
        settings("https://s.example/in", "~printable!", null).checkToken();
    }

    @Test
    void aUrlMustBeHttpWithAHostAndNoCredentials() {
        assertThatThrownBy(() -> settings("ftp://s.example/in", null, null)).hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> settings("file:/etc/passwd", null, null)).hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> settings("https:///in", null, null)).hasMessageContaining("with a host");
        assertThatThrownBy(() -> settings("https://user:pw@s.example/in", null, null)).hasMessageContaining("credentials")
                .hasMessageNotContaining("pw");
        assertThat(settings("HTTPS://s.example/in", null, null).enabled()).isTrue();
        assertThat(settings("http://s.example", null, null).target()).isEqualTo("http://s.example");
    }

    @Test
    void numbersAndDurationsOutOfRangeAreRefused() {
        URI url = URI.create("https://s.example/in");
        Duration second = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new ExportSettings(url, null, null, null, 0, 5, second, second, second))
                .hasMessage("dspm.export.http.batch-size must be 1..10000, got 0");
        assertThatThrownBy(() -> new ExportSettings(url, null, null, null, 10_001, 5, second, second, second))
                .hasMessage("dspm.export.http.batch-size must be 1..10000, got 10001");
        new ExportSettings(url, null, null, null, 10_000, 20, second, second, second);
        new ExportSettings(url, null, null, null, 1, 1, second, second, second);
        assertThatThrownBy(() -> new ExportSettings(url, null, null, null, 1, 0, second, second, second))
                .hasMessage("dspm.export.http.max-attempts must be 1..20, got 0");
        assertThatThrownBy(() -> new ExportSettings(url, null, null, null, 1, 21, second, second, second))
                .hasMessage("dspm.export.http.max-attempts must be 1..20, got 21");
        assertThatThrownBy(() -> new ExportSettings(url, null, null, null, 1, 1, Duration.ZERO, second, second))
                .hasMessageContaining("initial-backoff must be a positive duration");
        assertThatThrownBy(() -> new ExportSettings(url, null, null, null, 1, 1, second, second.negated(), second))
                .hasMessageContaining("max-backoff must be a positive duration");
        assertThatThrownBy(() -> new ExportSettings(url, null, null, null, 1, 1, second, second, null))
                .hasMessageContaining("timeout must be a positive duration");
        assertThat(new ExportSettings(url, null, null, null, 1, 1, second, second, second).format())
                .isEqualTo(ExportSettings.Format.JSON);
    }

    static ExportSettings settings(String url, String token, Path tokenFile) {
        return new ExportSettings(url == null ? null : URI.create(url), token, tokenFile, ExportSettings.Format.JSON, 200, 5,
                Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(30));
    }
}
