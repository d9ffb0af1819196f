package dev.tnsrelay.adapter;

import dev.tnsrelay.config.CmanConfiguration;
import dev.tnsrelay.config.CmanOra;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the adapter's Oracle Net files are: the {@code tnsAdmin} property, else the {@code TNS_ADMIN}
 * environment variable, else none (then the embedded default cman.ora, and naming by Easy Connect only).
 */
record TnsAdmin(Optional<Path> folder) {

    static TnsAdmin of(String property, String environment) {
        String dir = property != null && !property.isBlank() ? property
                : environment != null && !environment.isBlank() ? environment : null;
        return new TnsAdmin(Optional.ofNullable(dir).map(Path::of));
    }

    /** cman.ora from the folder, or the embedded default when the folder has none. */
    CmanConfiguration cman() {
        return folder.map(f -> f.resolve("cman.ora")).filter(Files::isRegularFile)
                .map(CmanOra::load).orElseGet(CmanOra::embeddedDefault);
    }
}
