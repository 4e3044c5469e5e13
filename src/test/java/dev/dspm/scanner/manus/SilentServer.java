package dev.dspm.scanner.manus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/**
 * An HTTP/1.1 server on loopback that answers only the requests it is told to (numbered from 1, in
 * arrival order) and leaves the others without a word, as a connection that died silently would; it
 * tells when the client gave up on one by closing its connection, which WireMock cannot. GETs only.
 */
final class SilentServer implements AutoCloseable {

    private final ServerSocket listener;
    private final IntPredicate answers;
    private final String body;
    private final List<CountDownLatch> hungUp = new CopyOnWriteArrayList<>();

    SilentServer(IntPredicate answers, String body) throws IOException {
        this.answers = answers;
        this.body = body;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "silent-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    int requests() {
        return hungUp.size();
    }

    /** Whether the client closed the connection of request {@code number} within {@code wait}. */
    boolean hungUpOn(int number, Duration wait) throws InterruptedException {
        return hungUp.get(number - 1).await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket connection = listener.accept();
                Thread serving = new Thread(() -> serve(connection), "silent-server-connection");
                serving.setDaemon(true);
                serving.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Reads request heads one after another on a kept-alive connection, answering or not, until the hang-up. */
    private void serve(Socket connection) {
        CountDownLatch unanswered = null;
        try (connection; InputStream in = connection.getInputStream();
                OutputStream out = connection.getOutputStream()) {
            while (readHead(in)) {
                unanswered = new CountDownLatch(1);
                int number;
                synchronized (hungUp) {
                    hungUp.add(unanswered);
                    number = hungUp.size();
                }
                if (answers.test(number)) {
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(bytes);
                    out.flush();
                    unanswered = null;
                }
            }
        } catch (IOException e) {
            // reset by the client: a hang-up all the same
        } finally {
            if (unanswered != null) {
                unanswered.countDown();
            }
        }
    }

    /** True after a whole request head (up to the blank line); false when the client closed the connection. */
    private static boolean readHead(InputStream in) throws IOException {
        int matched = 0;
        for (int b = in.read(); b != -1; b = in.read()) {
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
            if (matched == 4) {
                return true;
            }
        }
        return false;
    }
}
