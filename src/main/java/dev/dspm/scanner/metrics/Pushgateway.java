package dev.dspm.scanner.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Pushgateway's HTTP API: one group ({@code /metrics/job/<job>/tenant/<tenant>/...}) replaced whole by PUT, or
 * only in the metric families a POST carries. Every label value is sent base64url-encoded ({@code label@base64}),
 * the gateway's way to carry any text, slashes included, in a path.
 */
final class Pushgateway {

    /** The text exposition format, as {@link io.micrometer.prometheusmetrics.PrometheusMeterRegistry#scrape()} writes it. */
    static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** PUT replaces the group; POST replaces only the metric families it carries and keeps the others. */
    enum Method { PUT, POST }

    private final PushgatewaySettings settings;
    private final HttpClient http;

    Pushgateway(PushgatewaySettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Pushes {@code body} under the job, the tenant and the configured grouping key; throws unless the gateway took it. */
    void push(Method method, String tenant, String body) throws IOException, InterruptedException {
        URI uri = groupUri(tenant);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Content-Type", TEXT_FORMAT)
                .method(method.name(), HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (settings.token() != null) {
            request.header("Authorization", "Bearer " + settings.token());
        } else if (settings.username() != null) {
            String credentials = settings.username() + ":" + settings.password();
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            String answer = response.body().strip();
            throw new IOException(method + " " + uri + " answered HTTP " + response.statusCode()
                    + (answer.isEmpty() ? "" : ": " + (answer.length() > 300 ? answer.substring(0, 300) + "..." : answer)));
        }
    }

    URI groupUri(String tenant) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("job", settings.job());
        labels.put(RunMeters.TENANT, tenant);
        labels.putAll(settings.groupingKey());
        StringBuilder path = new StringBuilder("/metrics");
        labels.forEach((name, value) -> path.append('/').append(name).append("@base64/").append(base64(value)));
        return URI.create(settings.scheme().name().toLowerCase(Locale.ROOT) + "://" + settings.address() + path);
    }

    /** An empty value is a lone {@code =}: the gateway's spelling of the empty string in a path segment. */
    private static String base64(String value) {
        return value.isEmpty() ? "=" : Base64.getUrlEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
