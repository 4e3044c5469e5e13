package dev.dspm.scanner.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.dspm.scanner.InstalledTool;

/**
 * A headless Chromium started for the tests: the system's browser (never one downloaded at test time),
 * a throwaway profile, and DevTools on a port of its choosing. Close kills it and deletes the profile.
 */
final class Chromium implements AutoCloseable {

    private static final String DEFAULT_BINARY = "/usr/bin/chromium";
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    // No sandbox: CI containers run as root. Nothing that reaches for the network: on a closed network
    // Chromium otherwise waits on services it cannot reach. No scrollbars in screenshots.
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-extensions", "--mute-audio", "--hide-scrollbars", "--remote-debugging-port=0");


    private final Process process;
    private final Path profile;
    private final Thread killOnExit;
    private final DevTools browser;
    private final URI endpoint;

    private Chromium(Process process, Path profile, Thread killOnExit, URI browserUrl) {
        this.process = process;
        this.profile = profile;
        this.killOnExit = killOnExit;
        this.browser = DevTools.connect(browserUrl);
        this.endpoint = browserUrl;
    }

    /**
     * Starts Chromium from env CHROMIUM_BINARY or /usr/bin/chromium (see {@link InstalledTool}).
     */
    static Chromium launch() {
        Path binary = InstalledTool.require("CHROMIUM_BINARY", DEFAULT_BINARY, "chromium");
        Path profile = createProfile();
        Process process = start(binary, profile);
        Thread killOnExit = new Thread(() -> kill(process));
        Runtime.getRuntime().addShutdownHook(killOnExit);
        try {
            return new Chromium(process, profile, killOnExit, awaitEndpoint(process, binary));
        } catch (RuntimeException e) {
            kill(process);
            deleteProfile(profile);
            Runtime.getRuntime().removeShutdownHook(killOnExit);
            throw e;
        }
    }

    /** A new tab, at about:blank. */
    Page newPage() {
        String targetId = browser.send("Target.createTarget", Map.of("url", "about:blank")).path("targetId").asString();
        URI pageUrl = endpoint.resolve("/devtools/page/" + targetId);
        return new Page(DevTools.connect(pageUrl), () -> browser.send("Target.closeTarget", Map.of("targetId", targetId)));
    }

    @Override
    public void close() {
        browser.close();
        kill(process);
        deleteProfile(profile);
        Runtime.getRuntime().removeShutdownHook(killOnExit);
    }

    private static Process start(Path binary, Path profile) {
        List<String> command = Stream.concat(Stream.of(binary.toString(), "--user-data-dir=" + profile), FLAGS.stream())
                .toList();
        try {
            return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
    }

    /**
     * Reads the DevTools address from Chromium's stderr, then keeps draining it (a full pipe would stall
     * the browser); the last lines are kept to explain a failed start.
     */
    private static URI awaitEndpoint(Process process, Path binary) {
        CompletableFuture<URI> endpoint = new CompletableFuture<>();
        Deque<String> lastLines = new ArrayDeque<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader stderr = new BufferedReader(
                    new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = stderr.readLine(); line != null; line = stderr.readLine()) {
                    Matcher listening = LISTENING.matcher(line);
                    if (listening.find()) {
                        endpoint.complete(URI.create(listening.group(1)));
                    }
                    synchronized (lastLines) {
                        lastLines.addLast(line);
                        if (lastLines.size() > 20) {
                            lastLines.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                // the process is gone; the exit below explains it
            }
            endpoint.completeExceptionally(new IllegalStateException("it stopped before printing its DevTools address"));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            return endpoint.get(DevTools.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + binary, e);
        } catch (ExecutionException | TimeoutException e) {
            String why = e instanceof TimeoutException ? "printed no DevTools address within "
                    + DevTools.TIMEOUT.toSeconds() + "s" : e.getCause().getMessage();
            synchronized (lastLines) {
                throw new IllegalStateException(binary + " did not start: " + why + "; its last output:\n"
                        + String.join("\n", lastLines));
            }
        }
    }

    /** Chromium's helpers (zygote, renderers, GPU) are its children: ask them all to stop, then insist. */
    private static void kill(Process process) {
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                handle.destroyForcibly();
            }
        }
    }

    private static Path createProfile() {
        try {
            return Files.createTempDirectory("dspm-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Chromium's temporary profile", e);
        }
    }

    private static void deleteProfile(Path profile) {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete Chromium's temporary profile " + profile, e);
        }
    }
}
