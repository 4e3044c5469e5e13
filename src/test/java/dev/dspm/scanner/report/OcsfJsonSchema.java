package dev.dspm.scanner.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Schema (draft 7) of one OCSF event class, compiled from the schema's own files vendored under
 * {@code src/test/resources/schemas/ocsf-1.8.0/} as schema.ocsf.io's server compiles them (see the README there): the
 * class and its parents with their included profiles, each attribute typed from the dictionary, enums allowed as
 * listed, the objects reachable from the class as definitions. Stricter than the server's export in one way: a
 * property a class or object does not define is refused.
 */
final class OcsfJsonSchema {

    static final Path ROOT = Path.of("src/test/resources/schemas/ocsf-1.8.0");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JsonNode dictionary;
    private final JsonNode types;
    private final Map<String, JsonNode> classes;
    private final Map<String, JsonNode> objects;
    private final ObjectNode definitions = JSON.createObjectNode();

    private OcsfJsonSchema() {
        this.dictionary = read(ROOT.resolve("dictionary.json")).get("attributes");
        this.types = read(ROOT.resolve("dictionary.json")).get("types").get("attributes");
        this.classes = byName(ROOT.resolve("events"));
        this.objects = byName(ROOT.resolve("objects"));
    }

    /** The OCSF release of the vendored files, as their version.json names it. */
    static String version() {
        return read(ROOT.resolve("version.json")).get("version").asString();
    }

    /** The schema of the class named (e.g. {@code data_security_finding}). */
    static ObjectNode forClass(String name) {
        OcsfJsonSchema compiler = new OcsfJsonSchema();
        JsonNode event = compiler.classes.get(name);
        if (event == null) {
            throw new IllegalArgumentException("no class " + name + " in the vendored OCSF files");
        }
        int categoryUid = compiler.categoryUid(event);
        int classUid = categoryUid * 1_000 + event.get("uid").asInt();
        Map<String, JsonNode> attributes = compiler.attributes(event, compiler.classes);
        ObjectNode schema = compiler.object(attributes, null);
        ObjectNode properties = (ObjectNode) schema.get("properties");
        // what the server computes: the class's and its category's uids, and the type_uid of each activity
        properties.set("category_uid", JSON.createObjectNode().put("type", "integer").put("const", categoryUid));
        properties.set("class_uid", JSON.createObjectNode().put("type", "integer").put("const", classUid));
        ArrayNode typeUids = JSON.createArrayNode();
        properties.get("activity_id").get("enum").forEach(activity -> typeUids.add(classUid * 100L + activity.asLong()));
        properties.set("type_uid", JSON.createObjectNode().put("type", "integer").set("enum", typeUids));
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "http://json-schema.org/draft-07/schema#");
        root.put("title", event.get("caption").asString() + " (OCSF " + version() + ")");
        root.setAll(schema);
        root.set("definitions", compiler.definitions);
        return root;
    }

    /** The category of the class or of the nearest parent that names one. */
    private int categoryUid(JsonNode event) {
        for (JsonNode at = event; at != null; at = at.has("extends") ? classes.get(at.get("extends").asString()) : null) {
            if (at.has("category")) {
                return read(ROOT.resolve("categories.json")).get("attributes").get(at.get("category").asString()).get("uid")
                        .asInt();
            }
        }
        throw new IllegalStateException("no category for " + event.get("name"));
    }

    /**
     * The attributes of a class or object: its parent's, then the profiles and templates it includes (each attribute
     * of a profile marked with the profile's name), then its own, later ones merged over earlier ones key by key.
     */
    private Map<String, JsonNode> attributes(JsonNode definition, Map<String, JsonNode> table) {
        Map<String, JsonNode> attributes = new LinkedHashMap<>();
        if (definition.has("extends")) {
            JsonNode parent = table.get(definition.get("extends").asString());
            if (parent == null) {
                throw new IllegalStateException(definition.get("name") + " extends an unknown " + definition.get("extends"));
            }
            attributes.putAll(attributes(parent, table));
        }
        JsonNode own = definition.get("attributes");
        if (own == null) {
            return attributes;
        }
        if (own.has("$include")) {
            for (JsonNode include : own.get("$include")) {
                JsonNode included = read(ROOT.resolve(include.asString()));
                boolean profile = "profile".equals(included.path("meta").asString(""));
                included.get("attributes").properties().forEach(entry -> {
                    ObjectNode attribute = (ObjectNode) entry.getValue().deepCopy();
                    if (profile && !attribute.has("profile")) {
                        attribute.put("profile", included.get("name").asString());
                    }
                    attributes.merge(entry.getKey(), attribute, OcsfJsonSchema::merge);
                });
            }
        }
        own.properties().forEach(entry -> {
            if (!entry.getKey().equals("$include")) {
                attributes.merge(entry.getKey(), entry.getValue(), OcsfJsonSchema::merge);
            }
        });
        return attributes;
    }

    /** A JSON object schema of these attributes: typed properties, required ones, nothing else allowed. */
    private ObjectNode object(Map<String, JsonNode> attributes, JsonNode constraints) {
        ObjectNode schema = JSON.createObjectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        List<String> required = new ArrayList<>();
        attributes.forEach((name, local) -> {
            JsonNode known = dictionary.get(name);
            if (known == null) {
                throw new IllegalStateException("attribute " + name + " is not in the dictionary");
            }
            JsonNode attribute = merge(known, local);
            properties.set(name, property(attribute));
            boolean profileOnly = attribute.hasNonNull("profile");
            if ("required".equals(attribute.path("requirement").asString("")) && !profileOnly) {
                required.add(name);
            }
        });
        if (!required.isEmpty()) {
            ArrayNode list = schema.putArray("required");
            required.forEach(list::add);
        }
        schema.put("additionalProperties", attributes.isEmpty());
        if (constraints != null) {
            constraint(schema, constraints, "at_least_one", "anyOf");
            constraint(schema, constraints, "just_one", "oneOf");
        }
        return schema;
    }

    private static void constraint(ObjectNode schema, JsonNode constraints, String kind, String keyword) {
        if (constraints.has(kind)) {
            ArrayNode any = schema.putArray(keyword);
            constraints.get(kind).forEach(name -> any.addObject().putArray("required").add(name.asString()));
        }
    }

    private JsonNode property(JsonNode attribute) {
        String type = attribute.get("type").asString();
        ObjectNode item;
        if (!type.endsWith("_t")) {
            item = JSON.createObjectNode().put("$ref", "#/definitions/" + define(type));
        } else {
            item = scalar(type, attribute.get("enum"));
        }
        if (attribute.path("is_array").asBoolean(false)) {
            ObjectNode array = JSON.createObjectNode().put("type", "array");
            array.set("items", item);
            return array;
        }
        return item;
    }

    /** A dictionary type, down to its JSON type, with the pattern of its own regex, and the enum's values. */
    private ObjectNode scalar(String type, JsonNode enumeration) {
        ObjectNode schema = JSON.createObjectNode();
        String base = type;
        while (types.get(base).has("type")) {
            if (types.get(base).has("regex") && !schema.has("pattern")) {
                schema.put("pattern", types.get(base).get("regex").asString());
            }
            base = types.get(base).get("type").asString();
        }
        if (types.get(base).has("regex") && !schema.has("pattern")) {
            schema.put("pattern", types.get(base).get("regex").asString());
        }
        String json = switch (base) {
            case "string_t" -> "string";
            case "integer_t", "long_t" -> "integer";
            case "float_t" -> "number";
            case "boolean_t" -> "boolean";
            case "json_t" -> null;
            default -> throw new IllegalStateException("a type this compiler does not know: " + base);
        };
        if (json != null) {
            schema.put("type", json);
        }
        if (enumeration != null) {
            ArrayNode values = schema.putArray("enum");
            enumeration.propertyNames().forEach(value -> {
                if ("integer".equals(json)) {
                    values.add(Long.parseLong(value));
                } else {
                    values.add(value);
                }
            });
        }
        return schema;
    }

    /** Adds the object's definition once (a placeholder first: objects refer to themselves) and returns its name. */
    private String define(String name) {
        if (!definitions.has(name)) {
            JsonNode object = objects.get(name);
            if (object == null) {
                throw new IllegalStateException("no object " + name + " in the vendored OCSF files");
            }
            definitions.putObject(name);
            definitions.set(name, object(attributes(object, objects), object.get("constraints")));
        }
        return name;
    }

    /** {@code over} merged onto {@code base}: objects key by key, anything else replaced (a null too: "profile": null). */
    private static JsonNode merge(JsonNode base, JsonNode over) {
        if (!base.isObject() || !over.isObject()) {
            return over;
        }
        ObjectNode merged = (ObjectNode) base.deepCopy();
        over.properties().forEach(entry -> merged.set(entry.getKey(),
                merged.has(entry.getKey()) ? merge(merged.get(entry.getKey()), entry.getValue()) : entry.getValue()));
        return merged;
    }

    private static Map<String, JsonNode> byName(Path folder) {
        Map<String, JsonNode> byName = new HashMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(file -> file.toString().endsWith(".json")).map(OcsfJsonSchema::read)
                    .forEach(definition -> byName.put(definition.get("name").asString(), definition));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byName;
    }

    private static JsonNode read(Path file) {
        return JSON.readTree(file.toFile());
    }
}
