package dev.dspm.scanner.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.dspm.scanner.config.ConfigurationException;

/**
 * {@code management.prometheus.metrics.export.pushgateway.*}: Spring Boot's names for a Prometheus Pushgateway, bound
 * here because a batch job pushes once, when its run ends, grouped by job and tenant (Boot's own pusher pushes on a
 * timer, under a grouping key fixed before the tenant is known). Boot's {@code push-rate}, {@code shutdown-operation}
 * and {@code format} therefore do not apply.
 *
 * @param enabled     push the run's metrics to the Pushgateway when the run ends, whatever its outcome
 * @param address     {@code host:port} of the Pushgateway
 * @param scheme      {@code http} or {@code https}
 * @param job         the {@code job} label of the pushed group (the other is {@code tenant}, from {@code dspm.tenant})
 * @param groupingKey more labels of the pushed group beside {@code job} and {@code tenant}, one setting per label:
 *                    {@code grouping-key.cluster=eu-1}
 * @param username    user for HTTP basic authentication
 * @param password    password for HTTP basic authentication
 * @param token       bearer token; when set, it is sent in place of the user and password
 */
@ConfigurationProperties("management.prometheus.metrics.export.pushgateway")
public record PushgatewaySettings(boolean enabled, @DefaultValue("localhost:9091") String address,
        @DefaultValue("http") Scheme scheme, @DefaultValue("dspm-scanner") String job, Map<String, String> groupingKey,
        String username, String password, String token) {

    private static final String PREFIX = "management.prometheus.metrics.export.pushgateway.";
    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+\\]");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    public enum Scheme { HTTP, HTTPS }

    public PushgatewaySettings {
        groupingKey = groupingKey == null ? Map.of() : new TreeMap<>(groupingKey);
        int colon = address.lastIndexOf(':');
        if (colon < 1 || !HOST_PORT.matcher(address.substring(0, colon)).matches() || !port(address.substring(colon + 1))) {
            throw new ConfigurationException(PREFIX + "address must be host:port (no scheme, no path), got " + address);
        }
        if (job.isBlank()) {
            throw new ConfigurationException(PREFIX + "job must not be blank");
        }
        for (String label : groupingKey.keySet()) {
            if (!LABEL.matcher(label).matches() || label.startsWith("__")) {
                throw new ConfigurationException(PREFIX + "grouping-key." + label + " is not a Prometheus label name");
            }
            if (label.equals("job") || label.equals(RunMeters.TENANT)) {
                throw new ConfigurationException(PREFIX + "grouping-key." + label + " is set by the job itself; set "
                        + (label.equals("job") ? PREFIX + "job" : "dspm.tenant") + " instead");
            }
        }
        if ((username == null) != (password == null)) {
            throw new ConfigurationException(PREFIX + "username and " + PREFIX + "password go together: set both");
        }
    }

    private static boolean port(String text) {
        try {
            int port = Integer.parseInt(text);
            return port > 0 && port < 65_536;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Never the password or the token. */
    @Override
    public String toString() {
        return "PushgatewaySettings[enabled=" + enabled + ", " + scheme.name().toLowerCase() + "://" + address + ", job="
                + job + ", groupingKey=" + groupingKey + (username != null ? ", basic auth as " + username : "")
                + (token != null ? ", bearer token" : "") + "]";
    }
}
