package dev.dspm.scanner.export;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One request's body: a batch's events in the collector's format. */
final class Body {

    /** What a batch's body may weigh at most, whatever its count: Splunk Cloud's HTTP Event Collector takes 1 MB. */
    static final int MAX_BYTES = 1_000_000;

    private static final byte[] HEC_HEAD = "{\"time\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEC_EVENT = ",\"source\":\"dspm-scanner\",\"sourcetype\":\"_json\",\"event\":"
            .getBytes(StandardCharsets.US_ASCII);

    private Body() {
    }

    /** The bytes {@code event} adds to a body of the format, its separator included. */
    static int weight(ExportSettings.Format format, byte[] event) {
        return event.length + switch (format) {
            case JSON, NDJSON -> 1;
            case SPLUNK_HEC -> HEC_HEAD.length + 20 + HEC_EVENT.length + 2;
        };
    }

    /** @param time the events' time, Unix milliseconds: Splunk's envelope carries it in seconds */
    static byte[] of(ExportSettings.Format format, long time, List<byte[]> events) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(events.stream().mapToInt(e -> weight(format, e)).sum() + 2);
        switch (format) {
            case JSON -> {
                body.write('[');
                for (int i = 0; i < events.size(); i++) {
                    if (i > 0) {
                        body.write(',');
                    }
                    body.writeBytes(events.get(i));
                }
                body.write(']');
            }
            case NDJSON -> events.forEach(event -> {
                body.writeBytes(event);
                body.write('\n');
            });
            case SPLUNK_HEC -> {
                byte[] seconds = String.format(java.util.Locale.ROOT, "%d.%03d", time / 1_000, time % 1_000)
                        .getBytes(StandardCharsets.US_ASCII);
                events.forEach(event -> {
                    body.writeBytes(HEC_HEAD);
                    body.writeBytes(seconds);
                    body.writeBytes(HEC_EVENT);
                    body.writeBytes(event);
                    body.write('}');
                    body.write('\n');
                });
            }
        }
        return body.toByteArray();
    }
}
