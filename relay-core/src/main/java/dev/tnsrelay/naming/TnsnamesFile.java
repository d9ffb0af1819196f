package dev.tnsrelay.naming;

import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.net.NvFile;
import dev.tnsrelay.net.NvParser;
import dev.tnsrelay.net.NvValue;
import dev.tnsrelay.net.TextPosition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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
 *   <li>IFILE reads regular files only (never a device, a FIFO or a folder), each up to
 *       {@link NvParser#MAX_CHARS} bytes, nested at most {@link #MAX_IFILE_DEPTH} deep and
 *       {@link #MAX_FILES} in all; beyond that is an error at the IFILE line.</li>
 *   <li>When an alias is defined twice, the last definition wins; aliases are listed in the order they first
 *       appear.</li>
 *   <li>An entry that cannot be read is kept as a problem: looking up its alias raises that error; the
 *       other aliases still resolve.</li>
 * </ul>
 * Aliases are case-insensitive.
 */
public final class TnsnamesFile {

    /** IFILE levels below tnsnames.ora; real files use one or two. */
    public static final int MAX_IFILE_DEPTH = 16;

    /** Files read for one tnsnames.ora, itself included. */
    public static final int MAX_FILES = 256;

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

        /**
         * @param including the files whose IFILE lines lead here, tnsnames.ora first
         * @param ifileAt the IFILE line naming this file; null for tnsnames.ora itself
         */
        void read(Path file, List<Path> including, TextPosition ifileAt) {
            if (including.contains(file)) {
                throw new NetParseException(ifileAt, "IFILE cycle: " + chain(including, file));
            }
            if (including.size() > MAX_IFILE_DEPTH) {
                throw new NetParseException(ifileAt, "IFILE nests files more than " + MAX_IFILE_DEPTH
                        + " deep, below " + including.get(0).getFileName());
            }
            if (done.contains(file)) {
                return;
            }
            if (done.size() == MAX_FILES) {
                throw new NetParseException(ifileAt, "IFILE would read more than " + MAX_FILES + " files for "
                        + including.get(0).getFileName());
            }
            done.add(file);
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
            Path p;
            try {
                p = Path.of(a.unquoted().strip());
            } catch (InvalidPathException x) {
                throw new NetParseException(e.position(), "IFILE names something that is not a valid path: "
                        + x.getReason());
            }
            return (p.isAbsolute() ? p : file.getParent().resolve(p)).normalize();
        }

        /**
         * The file's text, if it is a regular file the parser can take: a device, a FIFO or a folder is never
         * opened (reading one could take for ever, or fill the heap), and no more than {@link NvParser#MAX_CHARS}
         * bytes are read. Errors are at the IFILE line, or at the start of tnsnames.ora itself.
         */
        private static String readText(Path file, TextPosition ifileAt) {
            TextPosition at = ifileAt != null ? ifileAt : new TextPosition(file.toString(), 1, 1);
            String is = ifileAt != null ? "IFILE names " + file + ", which is" : file + " is";
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                if (ifileAt == null) {
                    throw new UncheckedIOException(e);
                }
                throw new NetParseException(ifileAt, "IFILE names " + file + ", which does not exist");
            } catch (IOException e) {
                throw unreadable(file, ifileAt, e);
            }
            if (attributes.isDirectory()) {
                throw new NetParseException(at, is + " a folder, not a file");
            }
            if (!attributes.isRegularFile()) {
                throw new NetParseException(at, is + " not a regular file (a device, a FIFO or a socket)");
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(NvParser.MAX_CHARS + 1);
            } catch (IOException e) {
                throw unreadable(file, ifileAt, e);
            }
            if (bytes.length > NvParser.MAX_CHARS) {
                throw new NetParseException(at, is + " more than the " + NvParser.MAX_CHARS + " bytes accepted");
            }
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }

        private static RuntimeException unreadable(Path file, TextPosition ifileAt, IOException e) {
            if (ifileAt == null) {
                return new UncheckedIOException(e);
            }
            return new NetParseException(ifileAt, "IFILE names " + file + ", which cannot be read: " + e.getMessage());
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
