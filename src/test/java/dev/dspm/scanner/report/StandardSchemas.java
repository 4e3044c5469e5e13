package dev.dspm.scanner.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The published schemas vendored under {@code src/test/resources/schemas/} (see its README), as a JSON Schema
 * validator applies them: OCSF's classes compiled by {@link OcsfJsonSchema}, SARIF's 2.1.0 schema as OASIS publishes it.
 */
final class StandardSchemas {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<OcsfClass, Schema> OCSF = new EnumMap<>(OcsfClass.class);
    private static Schema sarif;

    private StandardSchemas() {
    }

    static synchronized List<Error> ocsf(OcsfClass eventClass, JsonNode event) {
        return OCSF.computeIfAbsent(eventClass, c -> SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(OcsfJsonSchema.forClass(c == OcsfClass.DATA_SECURITY_FINDING ? "data_security_finding"
                        : "detection_finding"))).validate(event);
    }

    static synchronized List<Error> sarif(JsonNode log) {
        if (sarif == null) {
            ObjectNode schema = (ObjectNode) JSON.readTree(Path.of("src/test/resources/schemas/sarif-2.1.0/sarif-schema-2.1.0.json")
                    .toFile());
            // its "$schema" names draft 4, the dialect the registry is given; its "id" is where OASIS publishes it
            sarif = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(schema);
        }
        return sarif.validate(log);
    }

    /** The events of a findings.ocsf.jsonl: one JSON object a line, each line ended by a line feed. */
    static List<JsonNode> events(Path file) {
        try {
            return events(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> events(String text) {
        List<JsonNode> events = new ArrayList<>();
        if (text.isEmpty()) {
            return events;
        }
        if (!text.endsWith("\n")) {
            throw new IllegalStateException("the last event has no line end");
        }
        for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
            events.add(JSON.readTree(line));
        }
        return events;
    }
}
