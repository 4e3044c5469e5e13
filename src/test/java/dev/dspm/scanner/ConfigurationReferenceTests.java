package dev.dspm.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import dev.dspm.scanner.config.SettingsType;

/**
 * docs/configuration.md says what the code does: it is exactly what the settings' metadata renders to, every
 * setting the application binds is in it with a meaning and an example, every default it shows is the one binding
 * an empty configuration gives, and every example is a value the application accepts.
 */
class ConfigurationReferenceTests {

    static ConfigurationReference reference;
    static List<SettingMetadata> settings;
    static List<SettingsType> types;

    @BeforeAll
    static void load() throws Exception {
        reference = ConfigurationReference.load();
        settings = SettingMetadata.application();
        types = SettingsType.all();
    }

    @Test
    void theCommittedReferenceIsWhatTheMetadataGives() throws Exception {
        String generated = reference.render();
        if (Boolean.getBoolean("configuration.reference.write")) {
            Files.writeString(ConfigurationReference.FILE, generated);
        }

        assertThat(Files.exists(ConfigurationReference.FILE)).as(ConfigurationReference.FILE
                + " is missing; generate it: " + ConfigurationReference.REGENERATE).isTrue();
        assertThat(Files.readString(ConfigurationReference.FILE)).as(ConfigurationReference.FILE
                + " is not what the settings' metadata gives; regenerate it: " + ConfigurationReference.REGENERATE)
                .isEqualTo(generated);
    }

    @Test
    void everySettingTheApplicationBindsHasAMeaningAndAnExample() throws Exception {
        Set<String> bound = types.stream().flatMap(type -> type.names().stream()).collect(Collectors.toCollection(TreeSet::new));
        var examples = ConfigurationReference.examples();

        assertThat(bound).as("settings bound").hasSizeGreaterThan(30);
        Set<String> described = settings.stream().map(SettingMetadata::name).collect(Collectors.toCollection(TreeSet::new));
        assertThat(described).as("settings in META-INF/spring-configuration-metadata.json").isEqualTo(bound);
        assertThat(settings).allSatisfy(setting -> {
            assertThat(setting.description()).as(setting.name() + " has no description: give its record component an "
                    + "@param in the record's javadoc").isNotBlank();
            assertThat(reference.example(setting)).as(setting.name() + " has no example in "
                    + "src/test/resources/dev/dspm/scanner/configuration-examples.properties").isNotBlank();
        });
        assertThat(reference.springDefaults()).as("Spring settings the job sets").containsKeys("spring.datasource.url",
                "spring.datasource.username", "spring.datasource.password", "spring.datasource.hikari.maximum-pool-size");
        reference.springDefaults().keySet().forEach(name -> {
            assertThat(reference.springDescriptions().get(name)).as(name + " has no meaning (Spring Boot's metadata has "
                    + "none): add one to ConfigurationReference.SPRING_MEANINGS").isNotBlank();
            assertThat(examples.getProperty(name)).as(name + " has no example").isNotBlank();
        });
        Set<String> documented = new TreeSet<>(bound);
        documented.addAll(reference.springDefaults().keySet());
        Set<String> maps = settings.stream().filter(ConfigurationReference::isMap)
                .map(SettingMetadata::name).collect(Collectors.toSet());
        assertThat(examples.stringPropertyNames().stream().map(name -> mapOf(name, maps).orElse(name)))
                .as("examples of settings that do not exist").allMatch(documented::contains);
    }

    @Test
    void everyDefaultShownIsTheOneTheApplicationApplies() {
        Map<String, Object> documentedDefaults = new HashMap<>();
        settings.stream().filter(setting -> setting.defaultValue() != null)
                .forEach(setting -> documentedDefaults.put(setting.name(), setting.defaultValue()));
        Binder empty = new Binder(new MapConfigurationPropertySource());
        Binder withDefaults = new Binder(new MapConfigurationPropertySource(documentedDefaults));

        assertThat(documentedDefaults).as("defaults shown").containsEntry("dspm.scan.page-size", "1000")
                .containsEntry("dspm.scan.asset-types",
                        "SESSION_COLLABORATION,SESSION_SHARE,FILE_SHARE,WEBSITE_PUBLISH,PROJECT_SHARE");
        for (SettingsType type : types) {
            Object applied = type.bind(empty);
            assertThat(type.bind(withDefaults)).as(type.type().getSimpleName() + " bound from the defaults shown")
                    .isEqualTo(applied);
            for (SettingMetadata setting : settings) {
                if (setting.defaultValue() == null && setting.name().startsWith(type.prefix() + ".")
                        && (setting.sourceType().equals(type.type().getName())
                                || setting.sourceType().startsWith(type.type().getName() + "$"))) {
                    assertThat(valueOf(applied, setting.name().substring(type.prefix().length() + 1)))
                            .as(setting.name() + " shows no default, yet the code gives it one: declare it with @DefaultValue"
                                    + " or in META-INF/additional-spring-configuration-metadata.json")
                            .satisfiesAnyOf(value -> assertThat(value).isNull(),
                                    value -> assertThat(value).isInstanceOfSatisfying(Collection.class,
                                            collection -> assertThat(collection).isEmpty()),
                                    value -> assertThat(value).isInstanceOfSatisfying(Map.class,
                                            map -> assertThat(map).isEmpty()));
                }
            }
        }
    }

    @Test
    void everyExampleIsAValueTheApplicationAccepts() throws Exception {
        Map<String, Object> examples = new HashMap<>();
        ConfigurationReference.examples().forEach((name, value) -> examples.put((String) name, value));
        Binder binder = new Binder(new MapConfigurationPropertySource(examples));

        for (SettingsType type : types) {
            assertThatCode(() -> type.bind(binder)).as(type.type().getSimpleName() + " bound from the examples")
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void everyEnvironmentVariableShownSetsItsSetting() throws Exception {
        var examples = ConfigurationReference.examples();
        Set<String> maps = settings.stream().filter(ConfigurationReference::isMap).map(SettingMetadata::name)
                .collect(Collectors.toSet());
        Map<String, Object> variables = new HashMap<>();
        Map<String, Object> properties = new HashMap<>();
        examples.forEach((key, value) -> {
            String name = (String) key;
            Optional<String> map = mapOf(name, maps);
            // as the reference shows them: a map entry under the map's variable, an underscore and the key
            variables.put(map.isPresent() ? ConfigurationReference.mapVariable(map.get()) + "_"
                    + ConfigurationReference.variable(name.substring(map.get().length() + 1))
                    : ConfigurationReference.variable(name), value);
            properties.put(name, value);
        });
        Binder environment = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables)));
        Binder arguments = new Binder(new MapConfigurationPropertySource(properties));

        assertThat(variables).containsKeys("DSPM_SCAN_PAGE_SIZE", "MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_GROUPINGKEY_CLUSTER");
        for (SettingsType type : types) {
            assertThat(type.bind(environment)).as(type.type().getSimpleName() + " bound from the variables shown")
                    .isEqualTo(type.bind(arguments));
        }
        for (String name : examples.stringPropertyNames()) {
            assertThat(environment.bind(name, String.class).orElse(null)).as(name).isEqualTo(examples.getProperty(name));
        }
    }

    /** The map setting an example is an entry of ({@code spring.mail.properties} for {@code ...properties.mail.smtp.auth}). */
    private static Optional<String> mapOf(String name, Set<String> maps) {
        return maps.stream().filter(map -> name.startsWith(map + ".")).findFirst();
    }

    /** The value of a dashed, dotted path (scan.page-size) in bound settings records. */
    private static Object valueOf(Object settings, String path) {
        Object value = settings;
        for (String element : path.split("\\.")) {
            RecordComponent component = component(value.getClass(), element);
            try {
                value = component.getAccessor().invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return value;
    }

    private static RecordComponent component(Class<?> record, String dashed) {
        for (RecordComponent component : record.getRecordComponents()) {
            if (DataObjectPropertyName.toDashedForm(component.getName()).equals(dashed)) {
                return component;
            }
        }
        throw new IllegalStateException(record.getName() + " has no component for " + dashed);
    }
}
