package dev.dspm.scanner.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import dev.dspm.scanner.Console;
import dev.dspm.scanner.JobRun;
import dev.dspm.scanner.TestDatabases;
import dev.dspm.scanner.config.ConfigurationException;
import dev.dspm.scanner.metrics.PushgatewaySettings.Scheme;
import dev.dspm.scanner.simulator.ManusSimulator;
import dev.dspm.scanner.simulator.SimulatedTenant;
import dev.dspm.scanner.simulator.TenantSpec;

/** The Pushgateway settings: Spring Boot's names, refused at start-up when wrong, and never showing a credential. */
class PushgatewaySettingsTests {

    private static final String PREFIX = "management.prometheus.metrics.export.pushgateway.";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = { "http://gateway:9091", "gateway", "gateway:0", "gateway:65536", "gateway:port",
            "gateway:9091/metrics", ":9091" })
    void anAddressIsHostAndPortOnly(String address) {
        assertThatThrownBy(() -> settings(address, Map.of(), null, null, null)).isInstanceOf(ConfigurationException.class)
                .hasMessage(PREFIX + "address must be host:port (no scheme, no path), got " + address);
    }

    @Test
    void addressesThatAreHostAndPort() {
        for (String address : new String[] { "localhost:9091", "pushgateway.monitoring.svc:9091", "10.0.0.7:1", "[::1]:9091" }) {
            assertThat(settings(address, Map.of(), null, null, null).address()).isEqualTo(address);
        }
    }

    @Test
    void jobAndTenantAreTheJobsOwnLabels() {
        assertThatThrownBy(() -> settings("gw:9091", Map.of("tenant", "x"), null, null, null))
                .hasMessage(PREFIX + "grouping-key.tenant is set by the job itself; set dspm.tenant instead");
        assertThatThrownBy(() -> settings("gw:9091", Map.of("job", "x"), null, null, null))
                .hasMessage(PREFIX + "grouping-key.job is set by the job itself; set " + PREFIX + "job instead");
        assertThatThrownBy(() -> settings("gw:9091", Map.of("9lives", "x"), null, null, null))
                .hasMessage(PREFIX + "grouping-key.9lives is not a Prometheus label name");
    }

    @Test
    void aGroupingLabelFromTheEnvironmentIsNamedWithoutTheDash() {
        // as docs/configuration.md shows it: GROUPING_KEY_CLUSTER would bind nothing
        String variable = "MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_GROUPINGKEY_CLUSTER";
        Binder environment = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, "eu-1"))));
        assertThat(environment.bindOrCreate(PREFIX.substring(0, PREFIX.length() - 1), PushgatewaySettings.class)
                .groupingKey()).isEqualTo(Map.of("cluster", "eu-1"));
    }

    @Test
    void aUserNeedsItsPassword() {
        assertThatThrownBy(() -> settings("gw:9091", Map.of(), "user", null, null))
                .hasMessageContaining("username and " + PREFIX + "password go together");
    }

    @Test
    void neitherThePasswordNorTheTokenIsEverShown() {
        assertThat(settings("gw:9091", Map.of(), "scanner", "pa55-w0rd", null).toString()).contains("basic auth as scanner")
                .doesNotContain("pa55-w0rd").doesNotContain("bearer");
        assertThat(settings("gw:9091", Map.of(), null, null, "t0k3n-value").toString()).contains("bearer token")
                .doesNotContain("t0k3n-value").doesNotContain("basic auth");
    }

    @Test
    void aWrongSettingStopsTheRunBeforeAnyRequest() throws Exception {
        try (ManusSimulator simulator = ManusSimulator.start(SimulatedTenant.generate(TenantSpec.realistic(3L, 50)))) {
            Console.Captured run = Console.capture(() -> JobRun.against(simulator, TestDatabases.h2(dir),
                    "--" + PREFIX + "enabled=true", "--" + PREFIX + "address=http://gateway:9091"));

            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains(PREFIX + "address must be host:port");
            assertThat(simulator.requestCount()).isZero();
        }
    }

    private static PushgatewaySettings settings(String address, Map<String, String> groupingKey, String username,
            String password, String token) {
        return new PushgatewaySettings(true, address, Scheme.HTTP, "dspm-scanner", groupingKey, username, password, token);
    }
}
