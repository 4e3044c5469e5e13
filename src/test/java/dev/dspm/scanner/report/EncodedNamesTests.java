package dev.dspm.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

class EncodedNamesTests {

    private static final JsonFactory JSON = new JsonFactory();

    @Test
    void writesTheSameBytesAsTheGeneratorItWraps() {
        Consumer<JsonGenerator> document = json -> {
            json.writeStartArray();
            for (int i = 0; i < 3; i++) {
                json.writeStartObject();
                json.writeStringProperty("share_uid", "shr_" + i);
                json.writeNumberProperty("run_id", i);
                json.writeStringProperty("say \"ü\"\n", "value");
                json.writeObjectPropertyStart("owner");
                json.writeBooleanProperty("active", true);
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
        };

        assertThat(written(document, true)).isEqualTo(written(document, false))
                .contains("\"say \\\"ü\\\"\\n\":\"value\"");
    }

    @Test
    void aNamePastTheBoundIsStillWrittenWhole() {
        Consumer<JsonGenerator> document = json -> {
            json.writeStartObject();
            for (int i = 0; i < EncodedNames.MOST + 10; i++) {
                json.writeNumberProperty("name_" + i, i);
            }
            json.writeNumberProperty("name_0", 0);
            json.writeEndObject();
        };

        String text = written(document, true);
        assertThat(text).isEqualTo(written(document, false))
                .contains("\"name_" + (EncodedNames.MOST + 9) + "\":" + (EncodedNames.MOST + 9));
    }

    private static String written(Consumer<JsonGenerator> document, boolean encoded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonGenerator plain = JSON.createGenerator(ObjectWriteContext.empty(), out);
        try (JsonGenerator json = encoded ? new EncodedNames(plain) : plain) {
            document.accept(json);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
