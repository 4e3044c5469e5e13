package dev.dspm.scanner.manus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/1.1 server on loopback whose every answer is a list page that does not end: a 200 whose body is a JSON
 * object with an "assets" array of {@code bodyBytes} bytes in all, streamed as it goes (never held), either with its
 * Content-Length up front or chunked. It counts what it managed to write to each request before the client hung up,
 * which is what a client that stops reading in time is judged by. GETs only.
 */
final class FloodServer implements AutoCloseable {

    private static final byte[] ASSET = "{\"uid\":\"shr_flood\",\"asset_name\":\"flood.pdf\",\"permission\":\"SHARE_SCOPE_PUBLIC\"},"
            .getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listener;
    private final long bodyBytes;
    private final boolean chunked;
    private final List<AtomicLong> written = new CopyOnWriteArrayList<>();

    FloodServer(long bodyBytes, boolean chunked) throws IOException {
        this.bodyBytes = bodyBytes;
        this.chunked = chunked;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "flood-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** Body bytes written to each request, in arrival order, so far. */
    List<Long> bodyBytesWritten() {
        return written.stream().map(AtomicLong::get).toList();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                AtomicLong count = new AtomicLong();
                written.add(count);
                Thread answer = new Thread(() -> answer(socket, count), "flood-answer");
                answer.setDaemon(true);
                answer.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void answer(Socket socket, AtomicLong count) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            readHeaders(in);
            String length = chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + bodyBytes;
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] head = "{\"ok\":true,\"request_id\":\"flood\",\"total\":1,\"assets\":[".getBytes(StandardCharsets.US_ASCII);
            byte[] block = new byte[64 * 1024];
            int filled = 0;
            while (filled + ASSET.length <= block.length) {
                System.arraycopy(ASSET, 0, block, filled, ASSET.length);
                filled += ASSET.length;
            }
            send(out, head, head.length, count);
            while (count.get() + filled <= bodyBytes) {
                send(out, block, filled, count);
            }
            // the rest is never valid JSON: a client that read it all would still fail, only later and larger
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        } catch (IOException e) {
            // the client hung up: what was written so far is counted
        }
    }

    private void send(OutputStream out, byte[] bytes, int length, AtomicLong count) throws IOException {
        if (chunked) {
            out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.write(bytes, 0, length);
        if (chunked) {
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        count.addAndGet(length);
    }

    private static void readHeaders(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("request cut short");
            }
            matched = b == end[matched] ? matched + 1 : b == end[0] ? 1 : 0;
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
