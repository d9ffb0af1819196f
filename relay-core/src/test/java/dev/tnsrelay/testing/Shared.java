package dev.tnsrelay.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The read-only test material in {@code ../shared} beside the clone (system property {@code tnsrelay.shared}). */
public final class Shared {

    private Shared() {
    }

    public static Path root() {
        String configured = System.getProperty("tnsrelay.shared");
        Path root = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
        if (!Files.isDirectory(root.resolve("corpora"))) {
            throw new IllegalStateException("shared test material not found at " + root.toAbsolutePath()
                    + ": clone the project beside ../shared or set -Dtnsrelay.shared");
        }
        return root;
    }

    public static Path corpus(String folder) {
        return root().resolve("corpora").resolve(folder);
    }

    /** The files of a corpus folder, without its SOURCES.md, sorted by name. */
    public static List<Path> files(String folder) {
        try (Stream<Path> s = Files.list(corpus(folder))) {
            return s.filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
