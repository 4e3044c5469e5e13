package dev.dspm.scanner.run;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.UUID;

/**
 * Who holds a run lock (or, in notify's ledger, is sending a message), written {@code pid@host/incarnation}: enough for a newcomer on the same host to
 * tell that the holder is gone without waiting for its heartbeat to go stale. The incarnation is one per
 * JVM: a restarted container runs as pid 1 again, and only the incarnation tells it from its predecessor.
 */
public record LockHolder(long pid, String host, String incarnation) {

    /** This process. */
    public static final LockHolder SELF = self();

    private static LockHolder self() {
        String name = ManagementFactory.getRuntimeMXBean().getName();
        return new LockHolder(ProcessHandle.current().pid(), name.substring(name.indexOf('@') + 1),
                UUID.randomUUID().toString());
    }

    /** Empty for a holder written some other way (an older version, a person): it is judged by its heartbeat. */
    public static Optional<LockHolder> parse(String text) {
        int at = text.indexOf('@');
        int slash = text.lastIndexOf('/');
        if (at < 1 || slash < at + 2 || slash == text.length() - 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LockHolder(Long.parseLong(text.substring(0, at)), text.substring(at + 1, slash),
                    text.substring(slash + 1)));
        } catch (NumberFormatException notAPid) {
            return Optional.empty();
        }
    }

    /**
     * Why this holder is certainly gone, as seen from {@code self}; empty when it may be alive. Assumes a
     * host name names one process space, which holds for pods and for containers with their own host
     * name; containers that share a host name (e.g. {@code docker run --network host}) but not their pids
     * would see each other as gone.
     */
    public Optional<String> goneAsSeenBy(LockHolder self) {
        if (!host.equals(self.host)) {
            return Optional.empty();
        }
        if (pid == self.pid) {
            return incarnation.equals(self.incarnation) ? Optional.empty()
                    : Optional.of("it was an earlier process with this pid on this host");
        }
        boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        return alive ? Optional.empty() : Optional.of("its process " + pid + " is no longer running on this host");
    }

    @Override
    public String toString() {
        return pid + "@" + host + "/" + incarnation;
    }
}
