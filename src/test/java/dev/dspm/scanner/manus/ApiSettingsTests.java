package dev.dspm.scanner.manus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.dspm.scanner.config.ConfigurationException;

class ApiSettingsTests {

    private final ApiSettings defaults = ApiSettings.defaults();

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertThat(defaults.baseUrl()).isEqualTo(URI.create("https://api.manus.im"));
        assertThat(defaults.maxRequestsPerSecond()).isEqualTo(20);
        assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.maxAttempts()).isEqualTo(6);
        assertThat(defaults.initialBackoff()).isEqualTo(Duration.ofMillis(200));
        assertThat(defaults.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void acceptsLocalSimulatorAndPathPrefix() {
        assertThat(defaults.withBaseUrl(URI.create("http://127.0.0.1:8089")).baseUrl()).hasPort(8089);
        assertThat(defaults.withBaseUrl(URI.create("https://gateway.example.com/manus/")).baseUrl())
                .hasPath("/manus/");
    }

    @ParameterizedTest
    @ValueSource(strings = { "api.manus.im", "/v2", "ftp://api.manus.im", "https://api.manus.im?x=1",
            "https://api.manus.im#frag", "file:///etc/passwd", "https:///nohost" })
    void badBaseUrlNamesTheProperty(String url) {
        assertThatThrownBy(() -> defaults.withBaseUrl(URI.create(url)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("dspm.api.base-url");
    }

    @Test
    void missingBaseUrlNamesTheProperty() {
        assertThatThrownBy(() -> defaults.withBaseUrl(null))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("dspm.api.base-url");
    }

    @Test
    void baseUrlWithCredentialsIsRejectedWithoutEchoingThem() {
        assertThatThrownBy(() -> defaults.withBaseUrl(URI.create("https://bob:hunter2@api.manus.im")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("dspm.api.base-url")
                .message().doesNotContain("hunter2");
    }

    @Test
    void eachNumericSettingIsNamedWhenWrong() {
        assertInvalid(() -> new ApiSettings(defaults.baseUrl(), 0, defaults.connectTimeout(), defaults.readTimeout(), 6,
                defaults.initialBackoff(), defaults.maxBackoff()), "dspm.api.max-requests-per-second");
        assertInvalid(() -> new ApiSettings(defaults.baseUrl(), Double.NaN, defaults.connectTimeout(), defaults.readTimeout(),
                6, defaults.initialBackoff(), defaults.maxBackoff()), "dspm.api.max-requests-per-second");
        assertInvalid(() -> new ApiSettings(defaults.baseUrl(), 20, Duration.ZERO, defaults.readTimeout(), 6,
                defaults.initialBackoff(), defaults.maxBackoff()), "dspm.api.connect-timeout");
        assertInvalid(() -> new ApiSettings(defaults.baseUrl(), 20, defaults.connectTimeout(), Duration.ofSeconds(-1), 6,
                defaults.initialBackoff(), defaults.maxBackoff()), "dspm.api.read-timeout");
        assertInvalid(() -> new ApiSettings(defaults.baseUrl(), 20, defaults.connectTimeout(), defaults.readTimeout(), 0,
                defaults.initialBackoff(), defaults.maxBackoff()), "dspm.api.max-attempts");
        assertInvalid(() -> new ApiSettings(defaults.baseUrl(), 20, defaults.connectTimeout(), defaults.readTimeout(), 6,
                null, defaults.maxBackoff()), "dspm.api.initial-backoff");
        assertInvalid(() -> new ApiSettings(defaults.baseUrl(), 20, defaults.connectTimeout(), defaults.readTimeout(), 6,
                Duration.ofSeconds(2), Duration.ofSeconds(1)), "dspm.api.max-backoff");
    }

    private static void assertInvalid(ThrowingCallable construction, String property) {
        assertThatThrownBy(construction)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(property);
    }
}
