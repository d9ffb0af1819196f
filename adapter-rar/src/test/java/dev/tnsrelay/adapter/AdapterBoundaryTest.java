package dev.tnsrelay.adapter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.tnsrelay.testing.CoreModule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The adapter hosts the instance and decides nothing of its own: of relay-core it uses the composition root
 * ({@code instance}), the admin model it hands to the WAR, and the naming results it hands to applications.
 */
class AdapterBoundaryTest {

    private static final JavaClasses ADAPTER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.tnsrelay.adapter");

    @Test
    void theAdapterUsesOnlyTheInstanceTheAdminModelAndNamingResults() {
        noClasses().that().resideInAPackage("dev.tnsrelay.adapter..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.tnsrelay.gateway..", "dev.tnsrelay.tns..", "dev.tnsrelay.config..",
                        "dev.tnsrelay.rules..", "dev.tnsrelay.registry..", "dev.tnsrelay.net..",
                        "dev.tnsrelay.admin.cmctl..", "dev.tnsrelay.admin.jmx..", "dev.tnsrelay.admin.users..",
                        "dev.tnsrelay.cli..", "dev.tnsrelay.web..")
                .because("the composition is relay-core's ConnectionManager; the adapter only hosts it").check(ADAPTER);
    }

    @Test
    void everyRelayCoreTypeItUsesIsInAPackageTheModuleExports() throws Exception {
        assertEquals(List.of(), CoreModule.unexportedUses(ADAPTER), "relay-core's module-info.java must export it");
    }
}
