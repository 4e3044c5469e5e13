package dev.dspm.scanner.findings;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The findings feature's package-private parts, for tests of other packages that read them through its API. */
public final class FindingsTesting {

    private FindingsTesting() {
    }

    public static FindingCounter counter(JdbcClient jdbc) {
        return new FindingCounter(jdbc);
    }
}
