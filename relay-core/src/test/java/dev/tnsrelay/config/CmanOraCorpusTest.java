package dev.tnsrelay.config;

import static dev.tnsrelay.testing.ParseAssertions.assertAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.rules.HostPattern;
import dev.tnsrelay.rules.RuleAction;
import dev.tnsrelay.testing.Shared;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every cman.ora in shared/corpora/cman: the valid one loads, each broken one fails where it is broken. */
class CmanOraCorpusTest {

    private static Path corpus(String name) {
        return Shared.corpus("cman").resolve(name);
    }

    @Test
    void theTableCoversEveryFileOfTheCorpus() {
        Set<String> covered = Set.of(VALID, "oracle__docker-images__OracleDatabase_OracleConnectionManager_containerfiles_12.2.0.1_cman.ora",
                "oracle__docker-images__OracleDatabase_OracleConnectionManager_containerfiles_19.3.0_cman.ora",
                "oracle__docker-images__OracleDatabase_OracleConnectionManager_containerfiles_26.0.0_cman.ora",
                "pages__docs.oracle.com-21c-mirror__netrf_cman__example8-1.ora",
                "pages__docs.oracle.com__10.2_b14213_cman__example8-1.ora",
                "pages__docs.oracle.com__9i_a90155_cman__figure9-1.ora",
                "pages__orafaq.com__wiki_Cman.ora__sample.ora",
                "pages__relationaldbdesign.com__configuration-management_module6_networkAccess-control-rules.ora",
                "pages__relationaldbdesign.com__network-admin_module4_using-connection-manager.ora");
        assertEquals(covered, Shared.files("cman").stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
    }

    private static final String VALID = "oracle__docker-images__OracleDatabase_OracleConnectionManager_containerfiles_cman.ora";

    @Test
    void oraclesInstantiatedSampleIsRefusedForItsTraceSettingsAndLoadsWithout() throws Exception {
        NetParseException trace = assertThrows(NetParseException.class, () -> CmanOra.load(corpus(VALID)));
        assertTrue(trace.position().source().endsWith(VALID), trace.getMessage());
        assertAt(trace, 36, 5, "TRACE_DIRECTORY: tnsrelay writes no Oracle Net trace files; instead, set LOG_DIRECTORY"
                + " and LOG_LEVEL=support");

        // blanked, not removed, so that the lines below keep their numbers
        String text = Files.readString(corpus(VALID), StandardCharsets.ISO_8859_1).replace("(trace_directory=/u01/app/oracle/product/26ai/client_1/network/trace)", "");
        assertAt(assertThrows(NetParseException.class, () -> CmanOra.parse(text, VALID)), 37, 5,
                "TRACE_LEVEL: 'user' is not offered: tnsrelay writes no Oracle Net trace files");

        CmanConfiguration config = CmanOra.parse(text.replace("(trace_level=user)", "(trace_level=off)"), VALID);
        CmanInstance cman = config.defaultInstance("any");
        assertEquals("CMAN_racnodepc1-cman.example.info", cman.name());
        assertEquals("racnodepc1-cman.example.info", cman.addresses().get(0).host());
        assertEquals(1521, cman.addresses().get(0).port());
        assertEquals(2, cman.rules().rules().size());
        assertEquals(new HostPattern.HostName("racnodepc1-scan"), cman.rules().rules().get(0).destination());
        assertEquals(RuleAction.ACCEPT, cman.rules().rules().get(1).action());
        assertEquals(new HostPattern.Any(), cman.rules().rules().get(1).source());
        assertEquals(java.util.Optional.of(false), cman.rules().rules().get(0).actions().authenticationFilter());
        assertEquals(java.util.Optional.of(true), cman.rules().rules().get(0).actions().connectionStatistics());
        CmanParameters p = cman.parameters();
        assertTrue(p.isOn(CmanParameter.CONNECTION_STATISTICS));
        assertEquals("user", p.text(CmanParameter.LOG_LEVEL));
        assertEquals("/u01/app/oracle/product/26ai/client_1/network/log", p.text(CmanParameter.LOG_DIRECTORY));
        assertEquals("off", p.text(CmanParameter.TRACE_LEVEL));
        assertEquals(List.of("*"), p.list(CmanParameter.REGISTRATION_INVITED_NODES));
        assertEquals(256, p.number(CmanParameter.MAX_CONNECTIONS), "untouched parameters keep their defaults");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // placeholders such as ###HOST### start comments: the template is not a cman.ora until filled in
        "oracle__docker-images__OracleDatabase_OracleConnectionManager_containerfiles_12.2.0.1_cman.ora | 25 | 6  | found '#', which starts a comment",
        "oracle__docker-images__OracleDatabase_OracleConnectionManager_containerfiles_19.3.0_cman.ora   | 25 | 6  | found '#', which starts a comment",
        "oracle__docker-images__OracleDatabase_OracleConnectionManager_containerfiles_26.0.0_cman.ora   | 25 | 6  | found '#', which starts a comment",
        // Oracle's documentation example closes RULE_LIST one ')' too early
        "pages__docs.oracle.com-21c-mirror__netrf_cman__example8-1.ora | 12 | 30 | one ')' too many in the entry CMAN",
        "pages__docs.oracle.com__10.2_b14213_cman__example8-1.ora      | 11 | 26 | one ')' too many in the entry CMAN",
        "pages__docs.oracle.com__9i_a90155_cman__figure9-1.ora         | 3  | 75 | one ')' too many in the entry CMAN_RULES",
        "pages__orafaq.com__wiki_Cman.ora__sample.ora                  | 1  | 1  | Oracle 8i/9i cman.ora layout",
        "pages__relationaldbdesign.com__configuration-management_module6_networkAccess-control-rules.ora | 1 | 1 | CMAN_RULES is the Oracle 8i/9i cman.ora layout",
        "pages__relationaldbdesign.com__network-admin_module4_using-connection-manager.ora | 6 | 9 | write the subnet as 192.168.1.0/24",
    })
    void brokenFilesFailWhereTheyAreBroken(String file, int line, int column, String detail) {
        NetParseException e = assertThrows(NetParseException.class, () -> CmanOra.load(corpus(file)));
        assertTrue(e.position().source().endsWith(file), e.getMessage());
        assertAt(e, line, column, detail);
    }
}
