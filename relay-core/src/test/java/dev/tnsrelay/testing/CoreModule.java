package dev.tnsrelay.testing;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/** relay-core's module descriptor, read from its classes or jar, for the other modules' boundary tests. */
public final class CoreModule {

    private CoreModule() {
    }

    /** The packages relay-core exports. */
    public static Set<String> exports() throws IOException, URISyntaxException {
        Path where = Path.of(dev.tnsrelay.instance.ConnectionManager.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI());
        ModuleDescriptor d;
        if (Files.isDirectory(where)) {
            try (InputStream in = Files.newInputStream(where.resolve("module-info.class"))) {
                d = ModuleDescriptor.read(in);
            }
        } else {
            try (JarFile jar = new JarFile(where.toFile()); InputStream in = jar.getInputStream(jar.getEntry("module-info.class"))) {
                d = ModuleDescriptor.read(in);
            }
        }
        return d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    }

    /** Every use, by {@code classes}, of a relay-core type in a package relay-core does not export. */
    public static List<String> unexportedUses(JavaClasses classes) throws IOException, URISyntaxException {
        Set<String> exported = exports();
        List<String> wrong = new ArrayList<>();
        for (JavaClass c : classes) {
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String target = d.getTargetClass().getPackageName();
                if (target.startsWith("dev.tnsrelay.") && isCore(target) && !exported.contains(target)) {
                    wrong.add(d.getDescription());
                }
            }
        }
        return wrong;
    }

    private static boolean isCore(String pkg) {
        return !pkg.startsWith("dev.tnsrelay.web") && !pkg.startsWith("dev.tnsrelay.adapter")
                && !pkg.startsWith("dev.tnsrelay.it") && !pkg.startsWith("dev.tnsrelay.bench")
                && !pkg.startsWith("dev.tnsrelay.testing");
    }
}
