package dev.tnsrelay.naming;

import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.net.NvFile;
import dev.tnsrelay.net.NvParser;
import dev.tnsrelay.net.NvValue;
import dev.tnsrelay.net.TextPosition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A tnsnames.ora file with the files it includes.
 *
 * <ul>
 *   <li>{@code a, b = …} defines both aliases; an alias list may go on over lines after a trailing comma.</li>
 *   <li>{@code IFILE = path} reads another file at that point: a relative path is taken from the folder of
 *       the file that names it; quotes are allowed; a file included twice is read once; a cycle or a missing
 *       file is an error that names the IFILE line.</li>
 *   <li>When an alias is defined twice, the last definition wins; aliases are listed in the order they first
 *       appear.</li>
 *   <li>An entry that cannot be read is kept as a problem: looking up its alias raises that error; the
 *       other aliases still resolve.</li>
 * </ul>
 * Aliases are case-insensitive.
 */
public final class TnsnamesFile {

    /** One alias: its value (a descriptor, or Easy Connect text) and where it was defined. */
    public record Entry(String alias, NvValue value, TextPosition position) {
    }

    private final Map<String, Entry> entries;
    private final Map<String, NetParseException> broken;
    private final List<NvFile.Problem> problems;
    private final List<Path> files;

    private TnsnamesFile(Map<String, Entry> entries, Map<String, NetParseException> broken,
            List<NvFile.Problem> problems, List<Path> files) {
        this.entries = entries;
        this.broken = broken;
        this.problems = List.copyOf(problems);
        this.files = List.copyOf(files);
    }

    public static TnsnamesFile load(Path file) {
        Loader loader = new Loader();
        loader.read(file.toAbsolutePath().normalize(), new ArrayList<>(), null);
        return new TnsnamesFile(loader.entries, loader.broken, loader.problems, List.copyOf(loader.done));
    }

    /** The alias as written in the file, or empty. A broken entry raises its parse error. */
    public Optional<Entry> lookup(String alias) {
        String key = alias.toUpperCase(Locale.ROOT);
        Entry e = entries.get(key);
        if (e == null && broken.containsKey(key)) {
            throw broken.get(key);
        }
        return Optional.ofNullable(e);
    }

    /** Every alias that resolves, upper-case, in the order it first appears. */
    public List<String> aliases() {
        return List.copyOf(entries.keySet());
    }

    /** Every file read: the file itself and those it includes with IFILE. */
    public List<Path> files() {
        return files;
    }

    /** The entries that could not be read, with their errors. */
    public List<NvFile.Problem> problems() {
        return problems;
    }

    private static final class Loader {
        final Map<String, Entry> entries = new LinkedHashMap<>();
        final Map<String, NetParseException> broken = new LinkedHashMap<>();
        final List<NvFile.Problem> problems = new ArrayList<>();
        final Set<Path> done = new LinkedHashSet<>();

        void read(Path file, List<Path> including, TextPosition ifileAt) {
            if (including.contains(file)) {
                throw new NetParseException(ifileAt, "IFILE cycle: " + chain(including, file));
            }
            if (!done.add(file)) {
                return;
            }
            NvFile parsed = NvParser.parseFile(readText(file, ifileAt), file.toString());
            for (NvFile.Problem p : parsed.problems()) {
                problems.add(p);
                p.names().forEach(n -> {
                    String key = n.toUpperCase(Locale.ROOT);
                    if (!entries.containsKey(key)) {
                        broken.put(key, p.error());
                    }
                });
            }
            List<Path> path = new ArrayList<>(including);
            path.add(file);
            for (NvFile.Entry e : parsed.entries()) {
                if (e.names().size() == 1 && e.names().get(0).equalsIgnoreCase("IFILE")) {
                    read(includedPath(file, e), path, e.position());
                    continue;
                }
                for (String name : e.names()) {
                    String key = name.toUpperCase(Locale.ROOT);
                    entries.put(key, new Entry(name, e.value(), e.position()));
                    broken.remove(key);
                }
            }
        }

        private static Path includedPath(Path file, NvFile.Entry e) {
            if (!(e.value() instanceof NvValue.Atom a) || a.unquoted().isBlank()) {
                throw new NetParseException(e.position(), "IFILE takes a file path");
            }
            Path p = Path.of(a.unquoted().strip());
            return (p.isAbsolute() ? p : file.getParent().resolve(p)).normalize();
        }

        private static String readText(Path file, TextPosition ifileAt) {
            try {
                return Files.readString(file, StandardCharsets.ISO_8859_1);
            } catch (NoSuchFileException e) {
                if (ifileAt == null) {
                    throw new UncheckedIOException(e);
                }
                throw new NetParseException(ifileAt, "IFILE names " + file + ", which does not exist");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String chain(List<Path> including, Path again) {
            StringBuilder b = new StringBuilder();
            for (Path p : including.subList(including.indexOf(again), including.size())) {
                b.append(p.getFileName()).append(" -> ");
            }
            return b.append(again.getFileName()).toString();
        }
    }
}
