package dev.dspm.scanner;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One setting as {@code spring-boot-configuration-processor} describes it in
 * {@code META-INF/spring-configuration-metadata.json}: its description is the {@code @param} javadoc of its record
 * component, its default the {@code @DefaultValue} (or {@code additional-spring-configuration-metadata.json}).
 */
record SettingMetadata(String name, String type, String description, String defaultValue, String sourceType) {

    private static final String FILE = "META-INF/spring-configuration-metadata.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Every setting in every metadata file on the class path: this application's and Spring Boot's. */
    static List<SettingMetadata> all() throws IOException {
        List<SettingMetadata> settings = new ArrayList<>();
        for (URL file : Collections.list(SettingMetadata.class.getClassLoader().getResources(FILE))) {
            try (InputStream in = file.openStream()) {
                for (JsonNode property : JSON.readTree(in).path("properties")) {
                    settings.add(new SettingMetadata(property.path("name").asString(), property.path("type").asString(null),
                            property.path("description").asString(null), defaultValue(property.path("defaultValue")),
                            property.path("sourceType").asString(null)));
                }
            }
        }
        return settings;
    }

    /** This application's settings: those bound into its own {@code @ConfigurationProperties} records. */
    static List<SettingMetadata> application() throws IOException {
        String root = DspmScannerApplication.class.getPackageName() + ".";
        return all().stream().filter(setting -> setting.sourceType() != null && setting.sourceType().startsWith(root))
                .toList();
    }

    /** The default as a setting would be written, a list comma-separated; null when the metadata gives none. */
    private static String defaultValue(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (value.isArray()) {
            return StreamSupport.stream(value.spliterator(), false).map(JsonNode::asString)
                    .collect(Collectors.joining(","));
        }
        return value.asString();
    }
}
