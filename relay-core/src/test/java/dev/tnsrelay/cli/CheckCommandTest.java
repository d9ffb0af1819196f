package dev.tnsrelay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tnsrelay --check}: valid or not, where (file:line:col) and why, without starting anything. */
class CheckCommandTest {

    private record Run(int status, String out, String err) {
    }

    private static Run check(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CheckCommand.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aValidFileABrokenOneTheFoldersAndTheDefault(@TempDir Path dir) throws Exception {
        Path good = Files.writeString(dir.resolve("cman.ora"), "cman_a = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcp)"
                + "(HOST=127.0.0.1)(PORT=1522))(RULE_LIST=(RULE=(SRC=*)(DST=*)(SRV=*)(ACT=accept))))\n");
        Run ok = check(Map.of(), good.toString());
        assertEquals(0, ok.status(), ok.err());
        assertTrue(ok.out().contains("instance cman_a: 1 listening address(es), 1 rule(s)"), ok.out());
        assertTrue(ok.out().endsWith("Configuration file is valid: " + good + "\n"), ok.out());

        Run folder = check(Map.of("TNS_ADMIN", dir.toString()));
        assertEquals(0, folder.status(), folder.err());

        Path bad = Files.writeString(dir.resolve("bad.ora"), "cman_a = (CONFIGURATION=\n"
                + "  (ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=1522))\n"
                + "  (RULE_LIST=(RULE=(SRC=10.1.*)(DST=*)(SRV=*)(ACT=accept))))\n");
        Run broken = check(Map.of(), bad.toString());
        assertEquals(1, broken.status());
        assertTrue(broken.err().startsWith(bad + ":3:"), "file:line:col first: " + broken.err());
        assertTrue(broken.err().contains("10.1.0.0/16"), broken.err());
        assertEquals("", broken.out());

        Run missing = check(Map.of(), dir.resolve("nosuch.ora").toString());
        assertEquals(1, missing.status());
        Run embedded = check(Map.of("TNSRELAY_HOME", dir.resolve("state").toString()));
        assertEquals(0, embedded.status(), embedded.err());
        assertTrue(embedded.out().contains("embedded default"), embedded.out());
        assertEquals(0, check(Map.of(), "--help").status());
        assertEquals(2, check(Map.of(), "--bogus").status());
    }
}
