package dev.dspm.scanner.manus;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a response body into memory, but never more than {@code dspm.api.max-body-size} of it: a body announced
 * larger (its Content-Length) is refused before a byte is read, and one that grows past the cap as it arrives
 * (chunked, or a Content-Length that lied) is cut off there, the connection closed. Either ends the exchange with
 * {@link TooLarge}. A page of a million entries once took the heap twice over (the stall detector had asked for it a
 * second time); with the cap, every answer in flight costs at most the cap.
 */
final class BodyCap {

    static final String SETTING = ApiSettings.PREFIX + ".max-body-size";

    private BodyCap() {
    }

    /** The body was larger than the cap; {@code status} is the HTTP status the answer had. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;

        TooLarge(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    static HttpResponse.BodyHandler<byte[]> handler(long maxBytes) {
        return info -> {
            OptionalLong length = info.headers().firstValueAsLong("Content-Length");
            TooLarge refused = length.isPresent() && length.getAsLong() > maxBytes
                    ? tooLarge(info.statusCode(), "announces " + length.getAsLong() + " bytes", maxBytes) : null;
            return new Capped(maxBytes, info.statusCode(), refused);
        };
    }

    private static TooLarge tooLarge(int status, String what, long maxBytes) {
        return new TooLarge(status, "the answer " + what + ", larger than " + SETTING + " (" + maxBytes
                + " bytes): not read further and not asked for again; no page of the API comes near it, so the server or"
                + " a proxy is at fault (raise the setting only if pages really are that large)");
    }

    private static final class Capped implements HttpResponse.BodySubscriber<byte[]> {

        private final long maxBytes;
        private final int status;
        private final TooLarge refused;
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final List<byte[]> parts = new ArrayList<>();
        private long received;
        private Flow.Subscription subscription;

        Capped(long maxBytes, int status, TooLarge refused) {
            this.maxBytes = maxBytes;
            this.status = status;
            this.refused = refused;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            // Refused by its Content-Length: one buffer is asked for and dropped, since a cancel before the first
            // buffer leaves the JDK client's connection open until its timeout (JDK 17); after it, the connection closes.
            subscription.request(refused != null ? 1 : Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (body.isDone()) {
                return;
            }
            if (refused != null) {
                subscription.cancel();
                body.completeExceptionally(refused);
                return;
            }
            for (ByteBuffer buffer : buffers) {
                received += buffer.remaining();
                if (received > maxBytes) {
                    subscription.cancel();
                    parts.clear();
                    body.completeExceptionally(tooLarge(status, "passed " + maxBytes + " bytes and went on", maxBytes));
                    return;
                }
                byte[] part = new byte[buffer.remaining()];
                buffer.get(part);
                parts.add(part);
            }
        }

        @Override
        public void onError(Throwable failure) {
            parts.clear();
            body.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            if (body.isDone()) {
                return;
            }
            if (refused != null) {
                body.completeExceptionally(refused); // announced larger, then sent nothing
                return;
            }
            byte[] whole = new byte[(int) received];
            int at = 0;
            for (byte[] part : parts) {
                System.arraycopy(part, 0, whole, at, part.length);
                at += part.length;
            }
            parts.clear();
            body.complete(whole);
        }
    }
}
