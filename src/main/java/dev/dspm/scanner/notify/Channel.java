package dev.dspm.scanner.notify;

import java.util.Locale;

/** Where a message goes; the order is the order a run sends in, email last (it may be many messages). */
public enum Channel {
    SLACK, TEAMS, WEBHOOK, EMAIL;

    /** The name in metrics, the report and the console: {@code slack}, {@code teams}, {@code webhook}, {@code email}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
