package dev.tnsrelay.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.rules.Rule;
import dev.tnsrelay.rules.RuleList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CmanOraFileTest {

    private static final String FILE = """
            # the sales gateway (comment kept)
            cman_a =
              (CONFIGURATION =
                (ADDRESS = (PROTOCOL = tcp)(HOST = 127.0.0.1)(PORT = 1522))
                (RULE_LIST =
                  # who may connect
                  (RULE = (SRC = 10.0.0.0/8)(DST = *)(SRV = "sales)")(ACT = accept))
                )
                (PARAMETER_LIST = (IDLE_TIMEOUT = 30))
              )
            cman_b = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=1523))(RULE_LIST=(RULE=(SRC=*)(DST=*)(SRV=*)(ACT=reject))))
            """;

    private static Rule rule(String text) {
        return CmanOra.rule(text, "test");
    }

    @Test
    void onlyTheInstancesRuleListIsRewrittenAndItReadsBackAsWritten() {
        RuleList rules = new RuleList(List.of(rule("(RULE=(SRC=192.168.1.0/24)(DST=db1)(SRV=hr)(ACT=reject)"
                + "(ACTION_LIST=(MIT=30)(CONN_STATS=on)))"), rule("(RULE=(SRC=*)(DST=*)(SRV=*)(ACT=drop))")));
        String updated = CmanOraFile.withRules(FILE, "cman_a", rules);

        assertTrue(updated.startsWith("# the sales gateway (comment kept)\ncman_a =\n"), updated);
        assertTrue(updated.contains("    (PARAMETER_LIST = (IDLE_TIMEOUT = 30))\n"), updated);
        assertTrue(updated.contains("\ncman_b = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=1523))"
                + "(RULE_LIST=(RULE=(SRC=*)(DST=*)(SRV=*)(ACT=reject))))\n"), updated);
        assertFalse(updated.contains("sales)"), "the old list, with its ')' inside quotes, is gone:\n" + updated);
        assertTrue(updated.contains("    (RULE_LIST =\n      (RULE =\n"), "indented where the old list stood:\n" + updated);

        CmanConfiguration read = CmanOra.parse(updated, "updated");
        assertEquals(rules.rules().stream().map(Rule::text).toList(),
                read.instance("cman_a").orElseThrow().rules().rules().stream().map(Rule::text).toList());
        assertEquals("(RULE=(SRC=*)(DST=*)(SRV=*)(ACT=reject))",
                read.instance("cman_b").orElseThrow().rules().rules().get(0).text());
        assertEquals(30, read.instance("cman_a").orElseThrow().parameters().duration(CmanParameter.IDLE_TIMEOUT).toSeconds());
    }

    @Test
    void anEmptyListMeansNoAccessAndStillReads() {
        String updated = CmanOraFile.withRules(FILE, "cman_a", RuleList.EMPTY);
        assertTrue(CmanOra.parse(updated, "updated").instance("cman_a").orElseThrow().rules().rules().isEmpty());
    }

    @Test
    void savingKeepsTheOldFileAsBakAndReloadReadsTheNewRules(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cman.ora");
        Files.writeString(file, FILE);
        CmanOraFile cman = CmanOraFile.of(file, "CMAN_A");
        cman.saveRules(new RuleList(List.of(rule("(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept))"))));

        assertEquals(FILE, Files.readString(dir.resolve("cman.ora.bak")));
        assertEquals("(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept))", cman.reread().rules().rules().get(0).text());
        try (var left = Files.list(dir)) {
            assertEquals(2, left.count(), "no temporary file left behind");
        }
    }

    @Test
    void theEmbeddedDefaultIsWrittenToTheStateFolderAtItsFirstChange(@TempDir Path dir) {
        CmanOraFile cman = CmanOraFile.embedded(dir.resolve("state/cman.ora"), "cman_tnsrelay");
        assertEquals(2, cman.reread().rules().rules().size(), "the embedded rules before any change");
        assertFalse(Files.exists(dir.resolve("state/cman.ora")));

        cman.saveRules(new RuleList(List.of(rule("(RULE=(SRC=127.0.0.1)(DST=*)(SRV=sales)(ACT=accept))"))));

        CmanConfiguration written = CmanOra.load(dir.resolve("state/cman.ora"));
        assertEquals(List.of("(RULE=(SRC=127.0.0.1)(DST=*)(SRV=sales)(ACT=accept))"),
                written.instances().get(0).rules().rules().stream().map(Rule::text).toList());
        assertEquals(2, written.instances().get(0).addresses().size(), "the default's listening addresses kept");
    }

    /** A rule edit keeps cman.ora's mode (it was written 0600 whatever it had been), and the backup's too. */
    @Test
    void aRuleEditKeepsTheFilesModeAndSoDoesTheBackup(@TempDir Path dir) throws Exception {
        for (String mode : List.of("rw-r-----", "rw-r--r--", "rw-------")) {
            Path cman = dir.resolve(mode.replace('-', '_') + ".ora");
            Files.writeString(cman, FILE);
            Files.setPosixFilePermissions(cman, PosixFilePermissions.fromString(mode));
            CmanOraFile.of(cman, "cman_a").saveRules(new RuleList(List.of(rule("(RULE=(SRC=*)(DST=*)(SRV=*)(ACT=drop))"))));
            assertTrue(Files.readString(cman).contains("(ACT = drop)"));
            assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(cman)));
            assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    cman.resolveSibling(cman.getFileName() + ".bak"))));
        }
    }
}
