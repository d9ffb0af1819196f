package dev.tnsrelay.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The naming files are read once, checked at most every few seconds, and read again only when they change. */
class NamingFilesTest {

    private static final Duration EVERY = Duration.ofSeconds(3);

    private static String host(NamingFiles files, String alias) {
        return files.resolve(alias).descriptor().descriptions().get(0).addresses().get(0).host();
    }

    private static String alias(String name, String host) {
        return name + " = (DESCRIPTION=(ADDRESS=(PROTOCOL=tcp)(HOST=" + host + ")(PORT=1521))"
                + "(CONNECT_DATA=(SERVICE_NAME=" + name + ")))\n";
    }

    @Test
    void anEditAppliesAfterTheNextCheckAndNothingIsReadBetweenChecks(@TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock();
        Files.writeString(dir.resolve("tnsnames.ora"), alias("sales", "db1"));
        NamingFiles files = new NamingFiles(Optional.of(dir), clock, EVERY);
        NameResolver first = files.resolver();
        assertEquals("db1", host(files, "sales"));

        Files.writeString(dir.resolve("tnsnames.ora"), alias("sales", "db-two"));
        clock.advance(Duration.ofSeconds(2));
        assertSame(first, files.resolver(), "within the interval the files are not even looked at");
        assertEquals("db1", host(files, "sales"));

        clock.advance(Duration.ofSeconds(1));
        assertEquals("db-two", host(files, "sales"), "the changed size is seen at the next check");
        NameResolver second = files.resolver();
        clock.advance(EVERY);
        assertSame(second, files.resolver(), "unchanged files are not read again");
    }

    @Test
    void aFileIncludedWithIfileAndANewSqlnetOraAreWatchedToo(@TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock();
        Files.writeString(dir.resolve("tnsnames.ora"), "IFILE = more.ora\n");
        Files.writeString(dir.resolve("more.ora"), alias("hr", "db1"));
        NamingFiles files = new NamingFiles(Optional.of(dir), clock, EVERY);
        assertEquals("db1", host(files, "hr"));

        Files.writeString(dir.resolve("more.ora"), alias("hr", "db-three"));
        clock.advance(EVERY);
        assertEquals("db-three", host(files, "hr"));

        Files.writeString(dir.resolve("sqlnet.ora"), "NAMES.DIRECTORY_PATH = (EZCONNECT)\n");
        clock.advance(EVERY);
        assertEquals(NamingMethod.EZCONNECT, files.resolve("hr").method(), "a sqlnet.ora that appears counts");
    }

    @Test
    void aFileThatDoesNotReadIsReportedAtEveryLookupUntilMended(@TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock();
        Files.writeString(dir.resolve("sqlnet.ora"), "NAMES.DIRECTORY_PATH = (TNSNAMES\n");
        NamingFiles files = new NamingFiles(Optional.of(dir), clock, EVERY);
        assertThrows(NetParseException.class, () -> files.resolve("sales"));
        assertThrows(NetParseException.class, () -> files.resolve("sales"), "not forgotten until mended");
        Files.writeString(dir.resolve("sqlnet.ora"), "NAMES.DIRECTORY_PATH = (EZCONNECT)\n");
        assertEquals(NamingMethod.EZCONNECT, files.resolve("db1:1521/sales").method());
    }
}
