package dev.tnsrelay.adapter;

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

    /**
     * The cman.ora to run: the folder's; else the one in the state folder (the embedded default once an
     * administrator changed its rules); else none, meaning the embedded default.
     */
    Optional<Path> cmanFile(Path stateDir) {
        return folder.map(f -> f.resolve("cman.ora")).filter(Files::isRegularFile)
                .or(() -> Optional.of(stateDir.resolve("cman.ora")).filter(Files::isRegularFile));
    }
}
