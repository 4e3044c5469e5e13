package dev.dspm.scanner.notify;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

/**
 * The messages this process sent, by channel and outcome ({@code sent}, {@code failed}, {@code unknown}): what the
 * run's metrics report as {@code dspm_notifications_total}, read once the notifications are done.
 */
@Component
public class NotificationTally {

    /** A channel and an outcome. */
    public record Key(String channel, String outcome) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byChannel = channel.compareTo(other.channel);
            return byChannel != 0 ? byChannel : outcome.compareTo(other.outcome);
        }
    }

    private final Map<Key, Long> counts = new TreeMap<>();

    synchronized void count(Channel channel, NotificationLedger.Status status) {
        counts.merge(new Key(channel.label(), status.name().toLowerCase(Locale.ROOT)), 1L, Long::sum);
    }

    /** Every channel and outcome counted so far. */
    public synchronized Map<Key, Long> counts() {
        return Map.copyOf(counts);
    }
}
