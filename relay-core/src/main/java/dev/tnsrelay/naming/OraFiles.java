package dev.tnsrelay.naming;

import dev.tnsrelay.net.NvFile;
import dev.tnsrelay.net.NvParser;
import dev.tnsrelay.net.NvValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reading the simple {@code KEY = value} profile files (sqlnet.ora, ldap.ora). */
final class OraFiles {

    private OraFiles() {
    }

    /**
     * The settings of a file by upper-case key. A key given twice keeps its last value, as Oracle's readers
     * do; the first entry that cannot be read is raised.
     */
    static Map<String, NvFile.Entry> settings(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        NvFile parsed = NvParser.parseFile(text, file.toString());
        if (!parsed.problems().isEmpty()) {
            throw parsed.problems().get(0).error();
        }
        Map<String, NvFile.Entry> settings = new LinkedHashMap<>();
        for (NvFile.Entry e : parsed.entries()) {
            for (String name : e.names()) {
                settings.remove(name.toUpperCase(Locale.ROOT));
                settings.put(name.toUpperCase(Locale.ROOT), e);
            }
        }
        return settings;
    }

    /** The elements of {@code (a, b)}, or the single plain value, unquoted. */
    static List<String> list(NvValue value) {
        if (value instanceof NvValue.Items items) {
            return items.items().stream().map(NvValue.Atom::unquoted).map(String::strip).toList();
        }
        if (value instanceof NvValue.Atom a) {
            return List.of(a.unquoted().strip());
        }
        return List.of();
    }

    static String text(NvValue value) {
        return value instanceof NvValue.Atom a ? a.unquoted().strip() : "";
    }
}
