package dev.dspm.scanner.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server from the distribution's package (/usr/lib/postgresql/N/bin), as users run one:
 * a fresh cluster in a temporary directory on a free port, default durability settings (fsync, full page
 * writes, synchronous commit), stopped at the end. As root, the server runs as the package's postgres user,
 * since PostgreSQL refuses to run as root.
 */
final class LocalPostgres implements AutoCloseable {

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final int port;
    private final boolean asPostgresUser;
    /** Stops the server if the harness is interrupted (Ctrl-C) before {@link #close}. */
    private final Thread stopOnExit = new Thread(this::stopQuietly, "bench-postgres-stop");

    private LocalPostgres(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** The newest installed server's bin directory, if any. */
    static Optional<Path> installed() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.filter(version -> version.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                    .max(Comparator.comparingDouble(version -> Double.parseDouble(version.getFileName().toString())))
                    .map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")));
        }
    }

    /** Locale and encoding as initdb takes them from the environment, as the embedded server and Debian's own cluster do. */
    static LocalPostgres start(Path bin) throws IOException, InterruptedException {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("dspm-bench-postgres");
        if (root) {
            exec(List.of("chown", "postgres:postgres", dir.toString()));
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        LocalPostgres server = new LocalPostgres(bin, dir, port, root);
        Runtime.getRuntime().addShutdownHook(server.stopOnExit);
        exec(server.command("initdb", "-D", server.data.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8"));
        exec(server.command("pg_ctl", "-D", server.data.toString(), "-w", "-l", dir.resolve("server.log").toString(),
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=localhost", "start"));
        return server;
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
        try {
            exec(command("pg_ctl", "-D", data.toString(), "-w", "-m", "fast", "stop"));
        } finally {
            ScanBenchmark.delete(dir);
        }
    }

    private void stopQuietly() {
        try {
            exec(command("pg_ctl", "-D", data.toString(), "-w", "-m", "immediate", "stop"));
        } catch (IOException | InterruptedException | IllegalStateException notRunning) {
            // nothing to stop, or nothing more to do while the JVM exits
        }
    }

    private List<String> command(String program, String... args) {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        return command;
    }

    private static void exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
