package org.ratepayer;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
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
}
