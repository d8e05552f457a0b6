package org.ratepayer;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

/**
 * The platform's business modules and what each may use (docs/architecture.md). Each module declares its allowed
 * dependencies in its package-info; a dependency outside them, a cycle, or a reach into another module's internals
 * fails the build. The separate Maven modules (bif, multispeak, cissim, daffron) are libraries here: their own poms
 * say who may use them.
 */
class ModulesTest {

    static final String[] LIBRARIES = {"org.ratepayer.bif..", "org.ratepayer.multispeak..", "org.ratepayer.cissim..",
            "org.ratepayer.daffron.."};

    static ApplicationModules modules() {
        return ApplicationModules.of(RatepayerApplication.class, resideInAnyPackage(LIBRARIES));
    }

    private static final JavaClasses PLATFORM = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.ratepayer");

    @Test
    void everyModuleUsesOnlyWhatItsDeclarationAllows() {
        modules().verify();
    }

    @Test
    void nothingButTheShellUsesTheShell() {
        noClasses().that().resideOutsideOfPackages("org.ratepayer.cli..", "org.ratepayer.demo..", "org.ratepayer.runtime..")
                .and().doNotHaveFullyQualifiedName(RatepayerApplication.class.getName())
                .should().dependOnClassesThat().resideInAnyPackage("org.ratepayer.cli..", "org.ratepayer.demo..",
                        "org.ratepayer.runtime..")
                .check(PLATFORM);
    }

    @Test
    void controllersLiveInTheirModulesWebAdapters() {
        classes().that().areAnnotatedWith(Controller.class).or().areAnnotatedWith(RestController.class)
                .should().resideInAnyPackage("..web..", "org.ratepayer.notifications.demo..")
                .check(PLATFORM);
    }

    /**
     * The module diagrams and canvases in docs/modules are what the code says now. After a change to the modules,
     * regenerate them with {@code -Dmodules.docs.write=true}.
     */
    @Test
    void theModuleDocumentationIsUpToDate() throws IOException {
        Path generated = Path.of("target", "spring-modulith-docs");
        new Documenter(modules(), Documenter.Options.defaults().withOutputFolder(generated.toString()))
                .writeModulesAsPlantUml(Documenter.DiagramOptions.defaults().withStyle(Documenter.DiagramOptions.DiagramStyle.C4))
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
        Path committed = Path.of("..", "docs", "modules");
        List<Path> files = list(generated);
        if (Boolean.getBoolean("modules.docs.write")) {
            Files.createDirectories(committed);
            for (Path f : list(committed)) {
                Files.delete(committed.resolve(f));
            }
            for (Path f : files) {
                Files.copy(generated.resolve(f), committed.resolve(f));
            }
        }
        org.assertj.core.api.Assertions.assertThat(list(committed)).as("files in docs/modules").isEqualTo(files);
        for (Path f : files) {
            // the documenter writes relations and components in no fixed order, so lines are compared as a set
            org.assertj.core.api.Assertions.assertThat(sortedLines(committed.resolve(f)))
                    .as("docs/modules/%s is stale: run ModulesTest with -Dmodules.docs.write=true", f)
                    .isEqualTo(sortedLines(generated.resolve(f)));
        }
    }

    private static List<String> sortedLines(Path file) throws IOException {
        return Files.readAllLines(file).stream().sorted().toList();
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(dir::relativize).sorted().toList();
        }
    }
}
