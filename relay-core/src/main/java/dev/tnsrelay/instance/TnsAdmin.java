package dev.tnsrelay.instance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the Oracle Net files are, found the one way for every main and the adapter (as Oracle's tools do): the
 * folder given (an adapter property, a {@code --tns-admin} option), else {@code $TNS_ADMIN}, else
 * {@code $ORACLE_HOME/network/admin}; without any, none (the embedded default cman.ora, and naming by Easy
 * Connect only). A blank setting counts as unset.
 */
public record TnsAdmin(Optional<Path> folder) {

    public static TnsAdmin discover(String given, Map<String, String> env) {
        if (given != null && !given.isBlank()) {
            return new TnsAdmin(Optional.of(Path.of(given)));
        }
        String tnsAdmin = env.get("TNS_ADMIN");
        if (tnsAdmin != null && !tnsAdmin.isBlank()) {
            return new TnsAdmin(Optional.of(Path.of(tnsAdmin)));
        }
        String home = env.get("ORACLE_HOME");
        return new TnsAdmin(Optional.ofNullable(home).filter(h -> !h.isBlank())
                .map(h -> Path.of(h, "network", "admin")));
    }

    /**
     * The cman.ora to run: the folder's; else the one in the state folder (the embedded default once an
     * administrator changed its rules); else none, meaning the embedded default.
     */
    public Optional<Path> cmanFile(Path stateFolder) {
        return folder.map(f -> f.resolve("cman.ora")).filter(Files::isRegularFile)
                .or(() -> Optional.of(stateFolder.resolve("cman.ora")).filter(Files::isRegularFile));
    }
}
