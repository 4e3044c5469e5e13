package dev.dspm.scanner.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import dev.dspm.scanner.logging.ConsoleOutput;

/**
 * While a run is in progress, SIGTERM and SIGINT ask it to stop (see {@link RunStop}) instead of starting
 * the JVM's shutdown, which would close the database pool under a chunk being written and leave the run
 * marked RUNNING with its lock held. A second signal exits at once. The previous handlers come back on close.
 */
final class StopSignals implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StopSignals.class);
    private static final String[] SIGNALS = { "TERM", "INT" };

    private final SignalHandler[] previous = new SignalHandler[SIGNALS.length];

    private StopSignals(RunStop stop) {
        for (int i = 0; i < SIGNALS.length; i++) {
            String name = SIGNALS[i];
            previous[i] = Signal.handle(new Signal(name), signal -> {
                if (stop.reason().isPresent()) {
                    ConsoleOutput.printError(log, Level.ERROR, "dspm-scanner: SIG" + name + " again; exiting at once");
                    Runtime.getRuntime().halt(128 + signal.getNumber());
                }
                stop.request("SIG" + name);
            });
        }
    }

    static StopSignals install(RunStop stop) {
        return new StopSignals(stop);
    }

    @Override
    public void close() {
        for (int i = 0; i < SIGNALS.length; i++) {
            Signal.handle(new Signal(SIGNALS[i]), previous[i]);
        }
    }
}
