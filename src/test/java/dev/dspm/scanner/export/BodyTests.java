package dev.dspm.scanner.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A batch's body in each format, byte for byte, and what each event weighs in it. */
class BodyTests {

    static final List<byte[]> EVENTS = List.of(bytes("{\"a\":1}"), bytes("{\"b\":\"\\n\"}"));

    @Test
    void jsonIsAnArrayNdjsonALineEachAndSplunkAnEnvelopeEach() {
        assertThat(text(Body.of(ExportSettings.Format.JSON, 0, EVENTS))).isEqualTo("[{\"a\":1},{\"b\":\"\\n\"}]");
        assertThat(text(Body.of(ExportSettings.Format.JSON, 0, List.of(EVENTS.get(0))))).isEqualTo("[{\"a\":1}]");
        assertThat(text(Body.of(ExportSettings.Format.NDJSON, 0, EVENTS))).isEqualTo("{\"a\":1}\n{\"b\":\"\\n\"}\n");
        assertThat(text(Body.of(ExportSettings.Format.SPLUNK_HEC, 1_796_637_725_042L, EVENTS))).isEqualTo(
                "{\"time\":1796637725.042,\"source\":\"dspm-scanner\",\"sourcetype\":\"_json\",\"event\":{\"a\":1}}\n"
                        + "{\"time\":1796637725.042,\"source\":\"dspm-scanner\",\"sourcetype\":\"_json\",\"event\":{\"b\":\"\\n\"}}\n");
        assertThat(text(Body.of(ExportSettings.Format.SPLUNK_HEC, 5L, List.of(EVENTS.get(0))))).startsWith("{\"time\":0.005,");
    }

    @Test
    void anEventWeighsAtLeastWhatItAddsToTheBody() {
        for (ExportSettings.Format format : ExportSettings.Format.values()) {
            int weights = EVENTS.stream().mapToInt(e -> Body.weight(format, e)).sum();
            assertThat(weights).as(format.name()).isGreaterThanOrEqualTo(Body.of(format, 1_796_637_725_042L, EVENTS).length - 1)
                    .isLessThanOrEqualTo(Body.of(format, 1_796_637_725_042L, EVENTS).length + 40);
        }
        assertThat(Body.weight(ExportSettings.Format.JSON, EVENTS.get(0))).isEqualTo(8);
        assertThat(Body.weight(ExportSettings.Format.NDJSON, EVENTS.get(0))).isEqualTo(8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
