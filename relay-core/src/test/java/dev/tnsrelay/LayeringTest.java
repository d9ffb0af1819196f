package dev.tnsrelay;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/**
 * The one-way layering of ARCHITECTURE.md, held against relay-core's compiled classes (tests excluded):
 * {@code net ← descriptor ← (naming, config, rules) ← (registry, tls) ← gateway ← (logfile, admin) ← cluster ←
 * instance ← cli}, {@code grid} (the data grid's interface, JDK types only) below {@code cluster} and {@code instance},
 * {@code tns}
 * used by {@code gateway} only, the admin model below its surfaces (cmctl, JMX) and above its users, no Jakarta,
 * Netty inside the network layer (gateway, tns, and tls for its contexts) only, and time from the injected clock outside the engine. A wrong import fails
 * the build with the class, the member and the line.
 */
class LayeringTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.tnsrelay");

    private static final String P = "dev.tnsrelay.";

    @Test
    void layersAreOneWay() {
        ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInAnyPackage("dev.tnsrelay..")
                .layer("net").definedBy(P + "net..")
                .layer("logging").definedBy(P + "logging..")
                .layer("descriptor").definedBy(P + "descriptor..")
                .layer("naming").definedBy(P + "naming..")
                .layer("config").definedBy(P + "config..")
                .layer("rules").definedBy(P + "rules..")
                .layer("registry").definedBy(P + "registry..")
                .layer("tls").definedBy(P + "tls..")
                .layer("tns").definedBy(P + "tns..")
                .layer("gateway").definedBy(P + "gateway..")
                .layer("logfile").definedBy(P + "logfile..")
                .layer("admin").definedBy(P + "admin..")
                .layer("grid").definedBy(P + "grid..")
                .layer("cluster").definedBy(P + "cluster..")
                .layer("instance").definedBy(P + "instance..")
                .layer("cli").definedBy(P + "cli..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("instance").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("cluster").mayOnlyBeAccessedByLayers("instance")
                .whereLayer("grid").mayOnlyBeAccessedByLayers("cluster", "instance")
                .whereLayer("admin").mayOnlyBeAccessedByLayers("cluster", "instance", "cli")
                .whereLayer("logfile").mayOnlyBeAccessedByLayers("instance", "cli")
                .whereLayer("gateway").mayOnlyBeAccessedByLayers("logfile", "admin", "cluster", "instance", "cli")
                .whereLayer("tns").mayOnlyBeAccessedByLayers("gateway")
                .whereLayer("registry").mayOnlyBeAccessedByLayers("gateway", "logfile", "admin", "cluster", "instance")
                .whereLayer("tls").mayOnlyBeAccessedByLayers("gateway", "logfile", "admin", "instance", "cli")
                .whereLayer("naming").mayOnlyBeAccessedByLayers("admin", "instance", "cli")
                // config reads the rule grammar (CmanOra.rule): the one sideways edge, config → rules
                .whereLayer("config").mayOnlyBeAccessedByLayers("registry", "tls", "gateway", "logfile", "admin",
                        "cluster", "instance", "cli")
                .whereLayer("rules").mayOnlyBeAccessedByLayers("config", "registry", "gateway", "admin", "cluster",
                        "instance", "cli")
                .whereLayer("descriptor").mayOnlyBeAccessedByLayers("naming", "config", "rules", "registry", "tls",
                        "gateway", "admin", "cluster", "instance", "cli");
        layers.check(CORE);
    }

    @Test
    void theAdminModelSitsBelowItsSurfacesAndAboveItsUsers() {
        noClasses().that().resideInAPackage(P + "admin").should().dependOnClassesThat()
                .resideInAnyPackage(P + "admin.cmctl..", P + "admin.jmx..")
                .because("the model is typed; cmctl text and JMX are its edges").check(CORE);
        noClasses().that().resideInAPackage(P + "admin.cmctl..").should().dependOnClassesThat()
                .resideInAPackage(P + "admin.jmx..").check(CORE);
        noClasses().that().resideInAPackage(P + "admin.users..").should().dependOnClassesThat()
                .resideInAnyPackage(P + "admin", P + "admin.cmctl..", P + "admin.jmx..").check(CORE);
        noClasses().that().resideOutsideOfPackages(P + "admin.jmx..", P + "instance..").should()
                .dependOnClassesThat().resideInAPackage("javax.management..")
                .because("MBeans and their registration are admin.jmx's, started by the instance").check(CORE);
    }

    @Test
    void theGridHoldsOnlyJdkTypes() {
        noClasses().that().resideInAPackage(P + "grid..").should().dependOnClassesThat()
                .resideOutsideOfPackages(P + "grid..", "java..")
                .because("the grid's members must never need a class of tnsrelay's to read what is in it").check(CORE);
    }

    @Test
    void noJakartaAndNettyOnlyInTheNetworkLayer() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("jakarta..")
                .because("relay-core runs in a plain JUnit test and inside any host").check(CORE);
        noClasses().that().resideOutsideOfPackages(P + "gateway..", P + "tns..", P + "tls..").should()
                .dependOnClassesThat().resideInAPackage("io.netty..").check(CORE);
    }

    @Test
    void timeComesFromTheInjectedClockOutsideTheEngine() {
        noClasses().that().resideOutsideOfPackages(P + "gateway..", P + "cli..").should()
                .callMethod(Instant.class, "now").orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(LocalDateTime.class, "now").orShould().callMethod(ZonedDateTime.class, "now")
                .orShould().callMethod(Clock.class, "systemUTC").orShould().callMethod(Clock.class, "systemDefaultZone")
                .because("admin views, users and events are testable at a fixed time; the mains pick the clock")
                .check(CORE);
    }
}
