package dev.dspm.scanner.metrics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.dspm.scanner.metrics.Pushgateway.Method;
import dev.dspm.scanner.metrics.PushgatewaySettings.Scheme;

/** The Pushgateway's HTTP API as the job speaks it: the group's path, the method, the body's type and the credentials. */
class PushgatewayTests {

    @RegisterExtension
    static WireMockExtension gateway = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void everyLabelOfTheGroupIsBase64UrlEncodedSoThatSlashesAndEmptyValuesSurvive() {
        Pushgateway pushgateway = new Pushgateway(settings(Map.of("cluster", "eu/1", "zone", ""), null, null, null));
        assertThat(pushgateway.groupUri("acme/eu").toString()).isEqualTo("http://127.0.0.1:" + gateway.getPort()
                + "/metrics/job@base64/ZHNwbS1zY2FubmVy/tenant@base64/YWNtZS9ldQ==/cluster@base64/ZXUvMQ==/zone@base64/=");
    }

    @Test
    void aCompletedRunReplacesItsGroupAndAnyOtherEndingReplacesOnlyWhatItCarries() throws Exception {
        gateway.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        Pushgateway pushgateway = new Pushgateway(settings(Map.of(), null, null, null));

        pushgateway.push(Method.PUT, "acme", "dspm_run_id 7\n");
        pushgateway.push(Method.POST, "acme", "dspm_run_id 8\n");

        String group = "/metrics/job@base64/ZHNwbS1zY2FubmVy/tenant@base64/YWNtZQ==";
        gateway.verify(1, putRequestedFor(urlEqualTo(group)).withRequestBody(equalTo("dspm_run_id 7\n"))
                .withHeader("Content-Type", equalTo("text/plain; version=0.0.4; charset=utf-8"))
                .withoutHeader("Authorization"));
        gateway.verify(1, postRequestedFor(urlEqualTo(group)).withRequestBody(equalTo("dspm_run_id 8\n")));
    }

    @Test
    void basicAuthenticationOrABearerTokenWhichWins() throws Exception {
        gateway.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(202)));

        new Pushgateway(settings(Map.of(), "scanner", "s3cret", null)).push(Method.PUT, "acme", "");
        new Pushgateway(settings(Map.of(), "scanner", "s3cret", "t0ken")).push(Method.PUT, "acme", "");

        gateway.verify(1, anyRequestedFor(anyUrl()).withHeader("Authorization", equalTo("Basic c2Nhbm5lcjpzM2NyZXQ=")));
        gateway.verify(1, anyRequestedFor(anyUrl()).withHeader("Authorization", equalTo("Bearer t0ken")));
        gateway.verify(2, anyRequestedFor(anyUrl()));
    }

    @Test
    void aRefusedPushSaysWhatTheGatewayAnswered() {
        gateway.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(400)
                .withBody("pushed metrics are invalid or inconsistent with existing metrics")));
        Pushgateway pushgateway = new Pushgateway(settings(Map.of(), null, null, null));

        assertThatThrownBy(() -> pushgateway.push(Method.PUT, "acme", "x 1\n")).isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 400").hasMessageContaining("inconsistent with existing metrics");
    }

    private static PushgatewaySettings settings(Map<String, String> groupingKey, String username, String password,
            String token) {
        return new PushgatewaySettings(true, "127.0.0.1:" + gateway.getPort(), Scheme.HTTP, "dspm-scanner", groupingKey,
                username, password, token);
    }
}
