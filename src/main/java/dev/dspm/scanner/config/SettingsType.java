package dev.dspm.scanner.config;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * One {@code @ConfigurationProperties} record of this application and the settings it declares. They are
 * found the way {@code @ConfigurationPropertiesScan} finds them, so a record added anywhere under the application's
 * package is bound, checked at start-up and known to the unknown-setting check without being listed.
 * Nested records are groups ({@code dspm.scan} inside {@code dspm}); every other component is a setting.
 */
public record SettingsType(String prefix, Class<?> type) {

    /** Where the settings records are: beside the features that read them, anywhere under the application's package. */
    private static final String APPLICATION_PACKAGE = "dev.dspm.scanner";

    public static List<SettingsType> all() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        ClassLoader loader = SettingsType.class.getClassLoader();
        return scanner.findCandidateComponents(APPLICATION_PACKAGE).stream()
                .map(candidate -> ClassUtils.resolveClassName(candidate.getBeanClassName(), loader))
                .map(type -> new SettingsType(AnnotatedElementUtils.findMergedAnnotation(type,
                        ConfigurationProperties.class).prefix(), type))
                .sorted(Comparator.comparing(SettingsType::prefix))
                .toList();
    }

    /** Binds and so validates the settings: throws naming the setting when a value is malformed or out of range. */
    public Object bind(Binder binder) {
        return binder.bindOrCreate(prefix, Bindable.of(type));
    }

    /** Every setting's full name in its dashed form, e.g. {@code dspm.scan.page-size}. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        collect(prefix, type, names);
        return names;
    }

    private static void collect(String prefix, Class<?> type, List<String> names) {
        if (!type.isRecord()) {
            throw new IllegalStateException(type.getName() + ": settings are bound into records");
        }
        for (RecordComponent component : type.getRecordComponents()) {
            String name = prefix + "." + DataObjectPropertyName.toDashedForm(component.getName());
            if (component.getType().isRecord()) {
                collect(name, component.getType(), names);
            } else {
                names.add(name);
            }
        }
    }
}
