package dev.dspm.scanner.run;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * The team a run scans; the run lock, resume and retention are per tenant. Named by {@code dspm.tenant},
 * or else the API base URL in one spelling, so that {@code http://h:p}, {@code http://h:p/} and
 * {@code http://localhost:p} are one tenant, not three concurrent scans of the same team. Several teams
 * behind one URL (one key each) need a name each.
 */
record Tenant(String name) {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    static Tenant of(String configured, URI baseUrl) {
        return new Tenant(configured != null ? configured : normalise(baseUrl));
    }

    /** Scheme and host lower-cased, default port and trailing slashes dropped, loopback named localhost. */
    static String normalise(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost().toLowerCase(Locale.ROOT);
        if (LOOPBACK.contains(host) || host.startsWith("127.")) {
            host = "localhost";
        }
        int port = url.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path;
    }
}
