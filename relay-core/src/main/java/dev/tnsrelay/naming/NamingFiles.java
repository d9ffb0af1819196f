package dev.tnsrelay.naming;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The naming files of one TNS_ADMIN folder (sqlnet.ora, tnsnames.ora with what it includes, ldap.ora) as one
 * {@link NameResolver}, built once and built again when a file changes: its modification time or size, or its
 * coming or going. The check costs a few {@code stat} calls and is made at most every {@code checkEvery}, so a
 * lookup storm reads nothing; an edit applies within that time, without a restart. Without a folder, only
 * descriptors and Easy Connect resolve.
 */
public final class NamingFiles {

    /** One file's identity for change detection; a missing file is its own state. */
    private record Stamp(Path file, long modified, long size) {
    }

    private record Snapshot(NameResolver resolver, List<Stamp> stamps) {
    }

    private final Optional<Path> folder;
    private final Clock clock;
    private final Duration checkEvery;
    private Snapshot current;
    private long checkedAt;

    public NamingFiles(Optional<Path> folder, Clock clock, Duration checkEvery) {
        this.folder = folder;
        this.clock = clock;
        this.checkEvery = checkEvery;
    }

    public Optional<Path> folder() {
        return folder;
    }

    public Resolution resolve(String identifier) {
        return resolver().resolve(identifier);
    }

    /** The resolver for the files as they are (at most {@code checkEvery} ago). */
    public synchronized NameResolver resolver() {
        long now = clock.millis();
        if (current == null || now - checkedAt >= checkEvery.toMillis()) {
            checkedAt = now;
            if (current == null || !stamps(files(current)).equals(current.stamps())) {
                current = null; // a file that does not read is reported at every lookup until it is mended
                current = load();
            }
        }
        return current.resolver();
    }

    private Snapshot load() {
        List<Path> files = new ArrayList<>(baseFiles());
        List<Stamp> stamps = new ArrayList<>(stamps(files)); // before reading: an edit while reading is seen next time
        NameResolver resolver = folder.map(NameResolver::fromTnsAdmin)
                .orElseGet(() -> new NameResolver(SqlnetOra.defaults(), Optional.empty(), Optional.empty()));
        resolver.tnsnames().ifPresent(t -> stamps.addAll(stamps(t.files().stream().filter(f -> !files.contains(f))
                .toList())));
        return new Snapshot(resolver, stamps);
    }

    private List<Path> baseFiles() {
        return folder.map(f -> List.of(f.resolve("sqlnet.ora"), f.resolve("tnsnames.ora").toAbsolutePath().normalize(),
                f.resolve("ldap.ora"))).orElse(List.of());
    }

    private static List<Path> files(Snapshot s) {
        return s.stamps().stream().map(Stamp::file).toList();
    }

    private static List<Stamp> stamps(List<Path> files) {
        List<Stamp> out = new ArrayList<>();
        for (Path f : files) {
            try {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                out.add(new Stamp(f, a.lastModifiedTime().toMillis(), a.size()));
            } catch (NoSuchFileException e) {
                out.add(new Stamp(f, -1, -1));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
            }
        }
        return out;
    }
}
