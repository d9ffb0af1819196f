package dev.tnsrelay.naming;

import static dev.tnsrelay.testing.ParseAssertions.assertAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.net.NvParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * IFILE reads only what a tnsnames.ora can be: regular files of bounded size, nested to a bounded depth. What
 * else it names is an error at the IFILE line, never a hang, an exhausted heap or stack. (Issue 11, item 9.) The
 * timeout is a hang guard, not a speed target.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TnsnamesIfileLimitsTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private NetParseException refused(String tnsnames) throws IOException {
        Path main = write("tnsnames.ora", tnsnames);
        return assertThrows(NetParseException.class, () -> TnsnamesFile.load(main));
    }

    @Test
    void aDeviceIsNotReadEndlessly() throws IOException {
        NetParseException e = refused("a = h/s\nIFILE = /dev/zero\n");
        assertAt(e, 2, 1, "/dev/zero, which is not a regular file");
        assertTrue(e.position().source().endsWith("tnsnames.ora"), e.getMessage());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoIsNotOpened() throws Exception {
        Path fifo = dir.resolve("pipe.ora");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor(), "mkfifo");
        // opening a FIFO for reading would wait for a writer for ever
        assertAt(refused("IFILE = pipe.ora\n"), 1, 1, "pipe.ora, which is not a regular file");
    }

    @Test
    void aFolderIsNotAFile() throws IOException {
        Files.createDirectory(dir.resolve("sub"));
        assertAt(refused("a = h/s\n\nIFILE = sub\n"), 3, 1, "sub, which is a folder");
    }

    @Test
    void aNulInThePathIsAnErrorAtTheIfileLine() throws IOException {
        assertAt(refused("IFILE = \"inc\0.ora\"\n"), 1, 1, "not a valid path");
    }

    @Test
    void aFileLargerThanTheParserTakesIsNotReadWhole() throws IOException {
        write("big.ora", "# " + "x".repeat(NvParser.MAX_CHARS) + "\n");
        assertAt(refused("IFILE = big.ora\n"), 1, 1, "more than the " + NvParser.MAX_CHARS);
    }

    @Test
    void aLongChainOfIncludesStopsAtTheDepthLimit() throws IOException {
        int files = 20_000;
        for (int i = 1; i < files; i++) {
            write("f" + i + ".ora", "a" + i + " = h/s\nIFILE = f" + (i + 1) + ".ora\n");
        }
        write("f" + files + ".ora", "last = h/s\n");
        NetParseException e = refused("IFILE = f1.ora\n");
        assertAt(e, 2, 1, "more than " + TnsnamesFile.MAX_IFILE_DEPTH + " deep");
        assertTrue(e.position().source().endsWith("/f" + TnsnamesFile.MAX_IFILE_DEPTH + ".ora"), e.getMessage());
    }

    @Test
    void manyFilesSideBySideStopAtTheFileLimit() throws IOException {
        StringBuilder main = new StringBuilder();
        for (int i = 1; i <= TnsnamesFile.MAX_FILES; i++) {
            write("s" + i + ".ora", "a" + i + " = h/s\n");
            main.append("IFILE = s").append(i).append(".ora\n");
        }
        assertAt(refused(main.toString()), TnsnamesFile.MAX_FILES, 1, "more than " + TnsnamesFile.MAX_FILES + " files");
    }

    @Test
    void withinTheLimitsIncludesStillWork() throws IOException {
        for (int i = 1; i < TnsnamesFile.MAX_IFILE_DEPTH; i++) {
            write("f" + i + ".ora", "a" + i + " = h/s\nIFILE = f" + (i + 1) + ".ora\n");
        }
        write("f" + TnsnamesFile.MAX_IFILE_DEPTH + ".ora", "last = h/s\n");
        TnsnamesFile file = TnsnamesFile.load(write("tnsnames.ora", "IFILE = f1.ora\n"));
        assertTrue(file.lookup("last").isPresent(), file.aliases().toString());
    }
}
