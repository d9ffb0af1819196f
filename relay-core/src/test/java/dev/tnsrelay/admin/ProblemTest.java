package dev.tnsrelay.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tnsrelay.naming.NameResolutionException;
import dev.tnsrelay.naming.NameResolver;
import dev.tnsrelay.naming.SqlnetOra;
import dev.tnsrelay.naming.TnsnamesFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A name that does not resolve is the administrator's to mend (REST 400), with the file position when it has one. */
class ProblemTest {

    @TempDir
    Path dir;

    @Test
    void anUnresolvedOrBrokenNameIsAMistakeAndABrokenOneSaysWhere() throws Exception {
        Path file = Files.writeString(dir.resolve("tnsnames.ora"), "hr = (DESCRIPTION=\n  (ADDRESS=(HOST=db)(PORT=x)))\n");
        NameResolver resolver = new NameResolver(SqlnetOra.defaults(), Optional.of(TnsnamesFile.load(file)),
                Optional.empty());

        Problem missing = Problem.of(org.junit.jupiter.api.Assertions.assertThrows(NameResolutionException.class,
                () -> resolver.resolve("sales")));
        assertEquals(AdminError.Kind.MISTAKE, missing.kind());
        assertEquals(0, missing.line());

        NameResolutionException e = org.junit.jupiter.api.Assertions.assertThrows(NameResolutionException.class,
                () -> resolver.resolve("hr"));
        Problem broken = Problem.of(e);
        assertEquals(AdminError.Kind.MISTAKE, broken.kind());
        assertEquals(e.getMessage(), broken.message());
        assertEquals(file.toAbsolutePath().normalize() + ":2", broken.source() + ":" + broken.line());
    }
}
