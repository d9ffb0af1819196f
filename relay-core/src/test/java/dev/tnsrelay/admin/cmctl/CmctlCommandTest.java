package dev.tnsrelay.admin.cmctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.admin.AdminException;
import dev.tnsrelay.gateway.SessionState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CmctlCommandTest {

    @Test
    void showConnectionsWithEveryFilter() {
        CmctlCommand c = CmctlCommand.parse("SHOW connections count in established gt 1:02:03 from 10.0.0.0/8 to db1"
                + " for sales using 1");
        assertEquals(CmctlCommand.Verb.SHOW, c.verb());
        assertEquals("connections", c.what());
        assertTrue(c.count());
        assertEquals(Optional.of(SessionState.ESTABLISHED), c.filter().state());
        assertEquals(Optional.of(Duration.ofSeconds(3723)), c.filter().olderThan());
        assertEquals("10.0.0.0/8", c.filter().from().orElseThrow().toString());
        assertEquals(Optional.of("db1"), c.filter().to());
        assertEquals(Optional.of("sales"), c.filter().service());
        assertEquals(1, c.filter().gateway().getAsInt());
    }

    @ParameterizedTest
    @CsvSource({"45, 45", "02:00, 120", "1:00:00, 3600"})
    void timesAreHoursMinutesSeconds(String text, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), CmctlCommand.duration(text));
    }

    @Test
    void theOtherVerbs() {
        assertEquals(List.of(0, 2), CmctlCommand.parse("suspend gateway 0 2").gateways());
        assertEquals(CmctlCommand.Verb.RESUME, CmctlCommand.parse("resume gateways").verb());
        assertEquals("abort", CmctlCommand.parse("shutdown abort").what());
        assertEquals("normal", CmctlCommand.parse("shutdown").what());
        CmctlCommand set = CmctlCommand.parse("set idle_timeout 30");
        assertEquals("IDLE_TIMEOUT", set.parameter());
        assertEquals("30", set.value());
        assertEquals(CmctlCommand.Verb.CLOSE, CmctlCommand.parse("close connections for hr").verb());
        assertEquals(CmctlCommand.Verb.RELOAD, CmctlCommand.parse("reload").verb());
        CmctlCommand event = CmctlCommand.parse("SET EVENT Relay OFF");
        assertEquals(List.of(CmctlCommand.Verb.SET, "event", "relay", "off"),
                List.of(event.verb(), event.what(), event.parameter(), event.value()));
        assertEquals(CmctlCommand.Verb.STARTUP, CmctlCommand.parse("STARTUP").verb());
    }

    @Test
    void oraclesHabits() {
        CmctlCommand administer = CmctlCommand.parse("ADMINISTER cman_x");
        assertEquals(CmctlCommand.Verb.ADMINISTER, administer.verb());
        assertEquals(Optional.of("cman_x"), administer.instance());
        assertEquals(Optional.of("cman_x"), CmctlCommand.parse("administer -c cman_x").instance());
        assertEquals(Optional.empty(), CmctlCommand.parse("administer").instance());
        CmctlCommand status = CmctlCommand.parse("show status -c cman_x");
        assertEquals(List.of("status", Optional.of("cman_x")), List.of(status.what(), status.instance()));
        assertEquals(Optional.of("cman_x"), CmctlCommand.parse("close connections -c cman_x for hr").instance());
        assertEquals(Optional.of("hr"), CmctlCommand.parse("close connections -c cman_x for hr").filter().service());
        CmctlCommand detail = CmctlCommand.parse("show connections detail for program \"JDBC Thin Client\" using 0");
        assertTrue(detail.detail());
        assertEquals(Optional.of("JDBC Thin Client"), detail.filter().program());
        assertEquals("for program \"JDBC Thin Client\" using 0".length(), detail.filter().text().length());
        assertEquals(Optional.of("program"), CmctlCommand.parse("show connections for service program").filter()
                .service(), "a service called program");
        assertEquals(Optional.of("program"), CmctlCommand.parse("show connections for program").filter().service());
        assertEquals(List.of("10.1.2.3", "db1", "sales"), CmctlCommand.parse("show rules for 10.1.2.3 db1 sales")
                .ruleCheck());
        assertEquals("defaults", CmctlCommand.parse("show defaults").what());
        assertEquals(List.of(CmctlCommand.Verb.HELP, "show"), List.of(CmctlCommand.parse("help show").verb(),
                CmctlCommand.parse("help show").what()));
        assertEquals(CmctlCommand.Verb.EXIT, CmctlCommand.parse("quit").verb());
        assertTrue(CmctlCommand.parse("show gateways").readOnly() && !CmctlCommand.parse("reload").readOnly());
        assertEquals("show connections for program \"JDBC Thin Client\"",
                CmctlCommand.line(List.of("show", "connections", "for", "program", "JDBC Thin Client")));
    }

    @Test
    void theClusterCommands() {
        assertEquals(List.of(CmctlCommand.Verb.SHOW, "cluster"), List.of(CmctlCommand.parse("show cluster").verb(),
                CmctlCommand.parse("show cluster").what()));
        assertEquals("audit", CmctlCommand.parse("SHOW CLUSTER AUDIT").parameter());
        SessionFilter f = CmctlCommand.parse("show connections node 10.0.0.2:6900 in established for hr").filter();
        assertEquals(Optional.of("10.0.0.2:6900"), f.node());
        assertEquals("in established for hr", f.text(), "the node is apart from the filter's text");
        SessionFilter ids = CmctlCommand.parse("close connections node * 17 18").filter();
        assertEquals(Optional.of("*"), ids.node());
        assertEquals("17 18", ids.text());
        for (String verb : List.of("suspend", "resume", "drain", "startup")) {
            CmctlCommand c = CmctlCommand.parse(verb + " node 10.0.0.2:6900");
            assertEquals(List.of(verb.toUpperCase(java.util.Locale.ROOT), "node", "10.0.0.2:6900"),
                    List.of(c.verb().name(), c.what(), c.parameter()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"show cluster members", "drain", "drain gateway 1", "drain node", "suspend node",
            "startup node a b", "show connections node"})
    void badClusterCommandsSayWhat(String line) {
        AdminException e = assertThrows(AdminException.class, () -> CmctlCommand.parse(line));
        assertTrue(e.getMessage().startsWith("TNS-04014"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "show", "show nothing", "show status now", "close sessions", "suspend", "suspend gw 1",
            "suspend gateway x", "set idle_timeout", "shutdown later", "show connections gt soon",
            "show connections from 10.1.*", "show connections in bliss", "show connections near db", "restart",
            "set event", "set event relay", "set event relay maybe", "set event relay on now",
            "startup now", "show connections 12 for hr", "show status -c", "show status -c a -c b",
            "administer a b", "show rules for 10.0.0.1 db1", "show rules 1", "show connections detail count",
            "show connections for program \"unclosed", "save_passwd", "exit now"})
    void badCommandsSayWhat(String line) {
        AdminException e = assertThrows(AdminException.class, () -> CmctlCommand.parse(line));
        assertTrue(e.getMessage().startsWith("TNS-04014"), e.getMessage());
    }
}
