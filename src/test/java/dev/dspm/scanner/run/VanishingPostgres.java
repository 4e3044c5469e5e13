package dev.dspm.scanner.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import dev.dspm.scanner.TestDatabases;

/**
 * A PostgreSQL server of its own that a test can take away mid-run, the two ways a database goes:
 * stopped (connections refused and reset at once) or hung (the host answers TCP, the server never replies).
 * Never the shared server in {@link TestDatabases}: other tests use that one.
 */
final class VanishingPostgres implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final long postmaster;
    private final List<Long> stopped = new ArrayList<>();

    VanishingPostgres(Path dataDir) {
        try {
            postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(true).start();
            postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE scan");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "scan");
    }

    /** Stops the server as a crash or a killed pod would (SIGQUIT: immediate shutdown), every connection reset. */
    void stop() {
        ProcessHandle server = ProcessHandle.of(postmaster).orElseThrow();
        run("kill", "-QUIT", Long.toString(postmaster));
        server.onExit().orTimeout(30, TimeUnit.SECONDS).join();
    }

    /** Freezes the server and its backends: connections stay open and nothing is ever answered. */
    void hang() {
        // The postmaster first: once it is frozen it forks no new backend that the list below would miss.
        freeze(postmaster);
        ProcessHandle.of(postmaster).orElseThrow().descendants().forEach(backend -> freeze(backend.pid()));
    }

    private void freeze(long pid) {
        run("kill", "-STOP", Long.toString(pid));
        stopped.add(pid);
    }

    /** Thaws what {@link #hang()} froze and shuts the server down. */
    @Override
    public void close() {
        for (long pid : stopped) {
            run("kill", "-CONT", Long.toString(pid));
        }
        stopped.clear();
        try {
            postgres.close();
        } catch (IOException | RuntimeException ignored) {
            // already stopped by the test
        }
    }

    private static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: "
                        + new String(process.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
