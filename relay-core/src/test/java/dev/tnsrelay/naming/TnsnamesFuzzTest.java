package dev.tnsrelay.naming;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tnsrelay.fuzz.Contract;
import dev.tnsrelay.net.NetParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzz target for tnsnames.ora with the files it includes. One input is a small folder: the text up to the first
 * line {@code #@ name} is tnsnames.ora, each such line (a comment to Oracle's readers) starts another file of that
 * name, so that IFILE has something to find. Every alias that loads is then resolved as a client would.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TnsnamesFuzzTest {

    /** Files one input may hold, tnsnames.ora included. */
    private static final int MAX_FILES = 8;
    private static final Pattern FILE_LINE = Pattern.compile("^#@ ?([A-Za-z0-9_.-]{1,32})[ \\t\\r]*$",
            Pattern.MULTILINE);

    @TempDir
    static Path folder;

    @FuzzTest
    @DictionaryFile(resourcePath = "/dev/tnsrelay/fuzz/ora.dict")
    void tnsnames(byte[] input) throws IOException {
        Path tnsnames = writeFolder(new String(input, StandardCharsets.ISO_8859_1));
        TnsnamesFile file;
        try {
            file = TnsnamesFile.load(tnsnames);
        } catch (NetParseException e) {
            Contract.positioned(e);
            return;
        }
        file.problems().forEach(p -> Contract.positioned(p.error()));
        NameResolver resolver = new NameResolver(
                new SqlnetOra(List.of(NamingMethod.TNSNAMES), Optional.empty(), List.of(), java.util.Map.of()),
                Optional.of(file), Optional.empty());
        for (String alias : file.aliases()) {
            try {
                resolver.resolve(alias).descriptor().toString();
            } catch (NetParseException e) {
                Contract.positioned(e);
            } catch (NameResolutionException e) {
                Contract.explained(e);
            }
        }
    }

    /** Writes the input's files into the (emptied) folder; returns tnsnames.ora. */
    private static Path writeFolder(String text) throws IOException {
        try (Stream<Path> old = Files.list(folder)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        Matcher m = FILE_LINE.matcher(text);
        String name = "tnsnames.ora";
        int from = 0;
        int files = 0;
        while (m.find() && files < MAX_FILES - 1) {
            Files.writeString(folder.resolve(name), text.substring(from, m.start()), StandardCharsets.ISO_8859_1);
            files++;
            name = m.group(1).equals(".") || m.group(1).equals("..") ? "f" + files + ".ora" : m.group(1);
            from = m.end();
        }
        Files.writeString(folder.resolve(name), text.substring(from), StandardCharsets.ISO_8859_1);
        return folder.resolve("tnsnames.ora");
    }
}
