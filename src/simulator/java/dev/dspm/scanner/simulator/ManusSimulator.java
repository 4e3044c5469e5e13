package dev.dspm.scanner.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A fake Manus tenant served over HTTP on loopback, faithful to the team asset API (see
 * manus-asset-api.md), and to team.user.list. JDK only, so it also runs as a plain {@code java -cp} process.
 */
public final class ManusSimulator implements AutoCloseable {

    /** A KEY_TYPE_TEAM_ASSET_AUDIT key: list only. */
    public static final String AUDIT_KEY = "sim-audit-key-0001";
    /** A KEY_TYPE_TEAM_ASSET_MGMT key: list and update_scope. */
    public static final String MGMT_KEY = "sim-mgmt-key-0001";
    /** A Team User Management key: team.user.list only. */
    public static final String USER_KEY = "sim-user-key-0001";

    static {
        // The JDK server writes headers and body as separate segments; with Nagle on, the body then waits
        // for the client's delayed ACK: ~40 ms per small response, which would make the simulator the
        // bottleneck. The server reads this property once, when the first HttpServer in the JVM is made.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** A handful of threads: enough for a partitioned scan, bounded whatever the client does. */
    private static final int WORKER_THREADS = 8;

    private final HttpServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final SimulatedTenant tenant;
    private final Faults faults = new Faults();
    private final Lies lies = new Lies();
    private final RequestLog log = new RequestLog();
    private final AtomicBoolean closed = new AtomicBoolean();

    private ManusSimulator(SimulatedTenant tenant, int port) throws IOException {
        this.tenant = tenant;
        this.workers = Executors.newFixedThreadPool(WORKER_THREADS, daemonThreads("manus-sim-worker"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemonThreads("manus-sim-timer"));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        server.createContext("/", new RequestRouter(tenant, faults, lies, log, workers, timer));
        server.setExecutor(workers);
        server.start();
    }

    /** Serves on 127.0.0.1 at an ephemeral port. */
    public static ManusSimulator start(SimulatedTenant tenant) {
        return start(tenant, 0);
    }

    public static ManusSimulator start(SimulatedTenant tenant, int port) {
        try {
            return new ManusSimulator(tenant, port);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the simulator on port " + port, e);
        }
    }

    /** For example http://127.0.0.1:41234 (no trailing slash). */
    public URI baseUrl() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    public SimulatedTenant tenant() {
        return tenant;
    }

    public Faults faults() {
        return faults;
    }

    /** What the answers say that no correct server would. */
    public Lies lies() {
        return lies;
    }

    /** Every request received, in arrival order, as a snapshot copy. */
    public List<RecordedRequest> requests() {
        return log.snapshot();
    }

    public int requestCount() {
        return log.count();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        timer.shutdownNow();
        workers.shutdownNow();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            // Daemon, so a test or demo that forgets close() still exits.
            thread.setDaemon(true);
            return thread;
        };
    }
}
