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
 * ({@code instance}), the admin model it hands to the WAR, the naming results it hands to applications, and the
 * grid interface it implements on Payara's Hazelcast; only {@code PayaraGrid} names Hazelcast.
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
                        "dev.tnsrelay.cli..", "dev.tnsrelay.web..", "dev.tnsrelay.cluster..")
                .because("the composition is relay-core's ConnectionManager; the adapter only hosts it").check(ADAPTER);
    }

    @Test
    void onlyPayaraGridNamesHazelcast() {
        noClasses().that().resideInAPackage("dev.tnsrelay.adapter..").and().doNotHaveSimpleName("PayaraGrid")
                .and().doNotHaveFullyQualifiedName("dev.tnsrelay.adapter.PayaraGrid$HazelcastMap")
                .and().doNotHaveFullyQualifiedName("dev.tnsrelay.adapter.PayaraGrid$Changes")
                .and().doNotHaveFullyQualifiedName("dev.tnsrelay.adapter.PayaraGrid$1")
                .and().doNotHaveFullyQualifiedName("dev.tnsrelay.adapter.GridLookup$Payara")
                .should().dependOnClassesThat().resideInAPackage("com.hazelcast..")
                .because("the grid is reached through dev.tnsrelay.grid.Grid; Payara's is one implementation")
                .check(ADAPTER);
    }

    @Test
    void everyRelayCoreTypeItUsesIsInAPackageTheModuleExports() throws Exception {
        assertEquals(List.of(), CoreModule.unexportedUses(ADAPTER), "relay-core's module-info.java must export it");
    }
}
