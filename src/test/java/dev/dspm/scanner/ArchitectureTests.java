package dev.dspm.scanner;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.builder.JobBuilder;

/**
 * The layout's rules, so that the next feature keeps them: packages by feature with layers that point one way
 * (run, then the features, then snapshot storage, then the API client and the configuration), no cycle between
 * packages, jobs built in one place, and {@code scan_run} owned by one package.
 */
class ArchitectureTests {

    private static final String APP = "dev.dspm.scanner";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(APP);

    @Test
    void noPackageDependsOnAPackageThatDependsOnIt() {
        slices().matching(APP + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void layersPointOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Application").definedBy(APP)
                .layer("Listeners").definedBy(APP + ".metrics..", APP + ".notify..")
                .layer("Run").definedBy(APP + ".run..")
                .layer("Features").definedBy(APP + ".scan..", APP + ".owner..", APP + ".policy..", APP + ".findings..",
                        APP + ".remediation..", APP + ".report..", APP + ".export..")
                .layer("Snapshot").definedBy(APP + ".snapshot..")
                .layer("Base").definedBy(APP + ".manus..", APP + ".config..", APP + ".logging..")
                .whereLayer("Application").mayNotBeAccessedByAnyLayer()
                .whereLayer("Listeners").mayOnlyBeAccessedByLayers("Application")
                .whereLayer("Run").mayOnlyBeAccessedByLayers("Application", "Listeners")
                .whereLayer("Features").mayOnlyBeAccessedByLayers("Application", "Listeners", "Run", "Features")
                .whereLayer("Snapshot").mayOnlyBeAccessedByLayers("Application", "Listeners", "Run", "Features")
                .whereLayer("Base").mayOnlyAccessLayers("Base")
                .check(CLASSES);
    }

    @Test
    void onlyRunBuildsJobs() {
        noClasses().that().resideOutsideOfPackage(APP + ".run").should().dependOnClassesThat().areAssignableTo(JobBuilder.class)
                .check(CLASSES);
    }

    /** ArchUnit sees classes, not SQL: the sources are read for the table's name. */
    @Test
    void onlySnapshotTouchesScanRun() throws IOException {
        Pattern table = Pattern.compile("\\bscan_run\\b");
        Path sources = Path.of("src/main/java/dev/dspm/scanner");
        try (Stream<Path> files = Files.walk(sources)) {
            List<Path> touching = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.startsWith(sources.resolve("snapshot")))
                    .filter(file -> table.matcher(read(file)).find())
                    .toList();
            assertThat(touching).as("classes outside snapshot/ that name scan_run").isEmpty();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
