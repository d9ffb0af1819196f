package dev.tnsrelay.web;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.tnsrelay.adapter.AdminAccess;
import dev.tnsrelay.testing.CoreModule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The WAR adds no logic of its own and reaches the instance through one door: of tnsrelay's types it may use only
 * the admin model's ({@code dev.tnsrelay.admin..}), the adapter's access interface and the one encoder of log text
 * ({@code dev.tnsrelay.logging}) — never the engine, the network syntax or the adapter's internals.
 */
class WarBoundaryTest {

    private static final JavaClasses WAR = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.tnsrelay.web");

    @Test
    void theWarUsesOnlyTheAdminModelAndTheAdaptersAccessInterface() {
        noClasses().that().resideInAPackage("dev.tnsrelay.web..").should().dependOnClassesThat(
                resideInAnyPackage("dev.tnsrelay..")
                        .and(not(resideInAnyPackage("dev.tnsrelay.web..", "dev.tnsrelay.admin..",
                                "dev.tnsrelay.logging..")))
                        .and(not(type(AdminAccess.class))))
                .because("the admin model is the one door (ARCHITECTURE.md)").check(WAR);
    }

    @Test
    void everyRelayCoreTypeItUsesIsInAPackageTheModuleExports() throws Exception {
        assertEquals(List.of(), CoreModule.unexportedUses(WAR), "relay-core's module-info.java must export it");
    }
}
