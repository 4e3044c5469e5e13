package dev.dspm.scanner.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dspm.scanner.Console;
import dev.dspm.scanner.DspmScannerApplication;

/**
 * What an SMTP server's answer does to an email: a permanent refusal (5xx) fails it at the first attempt, since the
 * same mail would be refused again; a temporary one (4xx) is tried again up to {@code dspm.notify.max-attempts}. The
 * server is a scripted one on loopback (GreenMail accepts every sender), speaking just enough SMTP for Jakarta Mail,
 * and it counts the connections: one per attempt.
 */
class SmtpRepliesTests {

    @TempDir
    Path dir;

    ScriptedSmtp server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPermanentRefusalIsOneAttemptAndATemporaryOneIsTriedAgain() throws Exception {
        server = new ScriptedSmtp("550 5.7.1 sender refused");
        Console.Captured refused = notifyTest(server.port());
        int refusedConnections = server.connections.get();
        server.close();
        server = new ScriptedSmtp("451 4.3.0 try again later");
        Console.Captured busy = notifyTest(server.port());

        assertThat(refused.exit()).as(refused.all()).isEqualTo(1);
        assertThat(refused.out()).contains("email to " + Receivers.SECURITY + ": FAILED: SMTP 550 (")
                .contains("sender refused").doesNotContain("after 3 attempts");
        assertThat(refusedConnections).isEqualTo(1);
        assertThat(busy.exit()).as(busy.all()).isEqualTo(1);
        assertThat(busy.out()).contains("email to " + Receivers.SECURITY + ": FAILED: SMTP 451 (")
                .contains("try again later").contains("after 3 attempts");
        assertThat(server.connections.get()).isEqualTo(3);
    }

    private Console.Captured notifyTest(int port) throws Exception {
        return Console.capture(() -> DspmScannerApplication.run(new String[] {"--notify-test",
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + port,
                "--dspm.notify.email.from=" + Receivers.FROM, "--dspm.notify.email.to=" + Receivers.SECURITY,
                "--dspm.notify.max-attempts=3", "--dspm.notify.initial-backoff=PT0.01S",
                "--dspm.notify.max-backoff=PT0.05S", "--dspm.notify.timeout=PT3S",
                "--dspm.report.dir=" + dir.resolve("reports")}, Map.of()));
    }

    /** Greets, accepts EHLO, answers MAIL FROM with the scripted reply, and says goodbye. */
    static final class ScriptedSmtp implements AutoCloseable {
        final AtomicInteger connections = new AtomicInteger();
        private final ServerSocket socket;
        private final String mailFromReply;

        ScriptedSmtp(String mailFromReply) throws IOException {
            this.mailFromReply = mailFromReply;
            this.socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            Thread thread = new Thread(this::serve, "scripted-smtp");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    connections.incrementAndGet();
                    converse(client);
                } catch (IOException closed) {
                    // the test is over, or the client hung up
                }
            }
        }

        private void converse(Socket client) throws IOException {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.US_ASCII);
            reply(out, "220 scripted ESMTP");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (verb) {
                    case "EHLO", "HELO" -> reply(out, "250 scripted");
                    case "MAIL" -> reply(out, mailFromReply);
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 ok");
                }
            }
        }

        private static void reply(PrintWriter out, String line) {
            out.print(line + "\r\n");
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
