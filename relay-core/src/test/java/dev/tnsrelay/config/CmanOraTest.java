package dev.tnsrelay.config;

import static dev.tnsrelay.testing.ParseAssertions.assertAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.rules.RuleAction;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CmanOraTest {

    /** Oracle's reference example with its parentheses mended; its parameter typo is kept. */
    private static final String ORACLE_EXAMPLE = """
            CMAN=
              (CONFIGURATION=
                (ADDRESS=(PROTOCOL=tcp)(HOST=proxysvr)(PORT=1521))
                (RULE_LIST=
                  (RULE=(SRC=192.0.2.32/27)(DST=sales-server)(SRV=*)(ACT=accept)
                    (ACTION_LIST=(AUT=on)(MCT=120)(MIT=30)))
                  (RULE=(SRC=foo)(DST=hr-server)(SRV=cmon)(ACT=accept)))
                (PARAMETER_LIST=
                  (MAX_GATEWAY_PROCESSES=8)
                  (MIN_GATEWAY_PRCESSSES=3)
                  (DIAG_ADR_ENABLED=ON)
                  (ADR_BASE=/oracle/log)))
            """;

    private static CmanInstance load(String text) {
        return CmanOra.parse(text, "cman.ora").instances().get(0);
    }

    private static NetParseException failure(String text) {
        return assertThrows(NetParseException.class, () -> CmanOra.parse(text, "cman.ora"));
    }

    private static String instance(String rules, String parameters) {
        return "cman_x = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=1522))\n(RULE_LIST=" + rules
                + ")\n(PARAMETER_LIST=" + parameters + "))\n";
    }

    @Test
    void oraclesExampleStopsAtEachThingTnsrelayDoesNotOfferOrKnowInTurn() {
        String text = ORACLE_EXAMPLE;
        NetParseException aut = failure(text);
        assertAt(aut, 6, 22, "AUT: 'on' is not offered: tnsrelay cannot tell from a CONNECT");
        assertTrue(aut.detail().contains("instead, require it at the database"), aut.detail());

        text = text.replace("(AUT=on)", "(AUT=off)");
        NetParseException typo = failure(text);
        assertAt(typo, 10, 7, "");
        assertEquals("unknown name MIN_GATEWAY_PRCESSSES in PARAMETER_LIST (did you mean MIN_GATEWAY_PROCESSES?)",
                typo.detail());

        text = text.replace("PRCESSSES", "PROCESSES");
        assertAt(failure(text), 11, 7, "DIAG_ADR_ENABLED: 'on' is not offered: tnsrelay keeps no Automatic Diagnostic"
                + " Repository (ADR); instead, set LOG_DIRECTORY");

        text = text.replace("(DIAG_ADR_ENABLED=ON)", "(DIAG_ADR_ENABLED=OFF)");
        assertAt(failure(text), 12, 7, "ADR_BASE: tnsrelay keeps no Automatic Diagnostic Repository (ADR); instead,"
                + " set LOG_DIRECTORY");

        assertEquals("CMAN", load(text.replace("(ADR_BASE=/oracle/log)", "")).name());
    }

    @Test
    void theMendedExampleLoadsWithTypedRulesAndParameters() {
        CmanInstance cman = load(ORACLE_EXAMPLE.replace("PRCESSSES", "PROCESSES").replace("(AUT=on)", "(AUT=off)")
                .replace("(DIAG_ADR_ENABLED=ON)", "(DIAG_ADR_ENABLED=OFF)").replace("(ADR_BASE=/oracle/log)", ""));
        assertEquals("CMAN", cman.name());
        var first = cman.rules().rules().get(0);
        assertEquals("192.0.2.32/27", first.source().toString());
        assertEquals(Optional.of(false), first.actions().authenticationFilter());
        assertEquals(Optional.of(Duration.ofSeconds(120)), first.actions().sessionTimeout());
        assertEquals(Optional.of(Duration.ofSeconds(30)), first.actions().idleTimeout());
        assertEquals(Optional.empty(), first.actions().outboundConnectTimeout());
        assertEquals("cmon", cman.rules().rules().get(1).service());
        assertEquals(8, cman.parameters().number(CmanParameter.MAX_GATEWAY_PROCESSES));
        assertEquals(3, cman.parameters().number(CmanParameter.MIN_GATEWAY_PROCESSES));
        assertEquals(Duration.ofSeconds(60), cman.parameters().duration(CmanParameter.INBOUND_CONNECT_TIMEOUT));
        assertFalse(cman.parameters().isOn(CmanParameter.DIAG_ADR_ENABLED));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ACT=deny        | (RULE=(SRC=*)(DST=*)(SRV=*)(ACT=deny))             | | ACT must be accept, reject or drop, not 'deny'",
        "ACT=ACC         | (RULE=(SRC=*)(DST=*)(SRV=*)(ACT=ACC))              | | ACT must be accept, reject or drop",
        "partial         | (RULE=(SRC=141.145.*.*)(DST=*)(SRV=*)(ACT=accept)) | | write the subnet as 141.145.0.0/16",
        "star inside     | (RULE=(SRC=db*.example.com)(DST=*)(SRV=*)(ACT=accept)) | | '*' stands only for a whole address",
        "bad prefix      | (RULE=(SRC=10.0.0.0/33)(DST=*)(SRV=*)(ACT=accept)) | | the prefix must be from 0 to 32",
        "no SRV          | (RULE=(SRC=*)(DST=*)(ACT=accept))                  | | RULE has no SRV",
        "unknown key     | (RULE=(SRC=*)(DST=*)(SRV=*)(ACT=accept)(SCR=x))    | | unknown name SCR in RULE (did you mean SRC?)",
        "action key      | (RULE=(SRC=*)(DST=*)(SRV=*)(ACT=accept)(ACTION_LIST=(MTI=3))) | | unknown name MTI in ACTION_LIST (did you mean MIT?)",
        "bad MIT         | (RULE=(SRC=*)(DST=*)(SRV=*)(ACT=accept)(ACTION_LIST=(MIT=soon))) | | MIT must be a whole number",
        "bad switch      | (RULE=(SRC=*)(DST=*)(SRV=*)(ACT=accept)) | (CONNECTION_STATISTICS=maybe) | expected on or off",
        "bad number      | (RULE=(SRC=*)(DST=*)(SRV=*)(ACT=accept)) | (MAX_CONNECTIONS=0)     | expected a whole number from 1",
        "password        | (RULE=(SRC=*)(DST=*)(SRV=*)(ACT=accept)) | (PASSWORD_CMAN_X=secret) | keeps no password",
        "min over max    | (RULE=(SRC=*)(DST=*)(SRV=*)(ACT=accept)) | (MIN_GATEWAY_PROCESSES=9)(MAX_GATEWAY_PROCESSES=4) | is more than MAX_GATEWAY_PROCESSES",
        "bad choice      | (RULE=(SRC=*)(DST=*)(SRV=*)(ACT=accept)) | (LOG_LEVEL=loud)        | expected one of off, user, admin, support",
        "REST address    | (RULE=(SRC=*)(DST=*)(SRV=*)(ACT=accept)) | (REST_ADDRESS=nowhere)  | expected host:port",
        "relative log    | (RULE=(SRC=*)(DST=*)(SRV=*)(ACT=accept)) | (LOG_DIRECTORY=log)     | expected an absolute directory, not 'log'",
        "event group     | (RULE=(SRC=*)(DST=*)(SRV=*)(ACT=accept)) | (EVENT_GROUP=relay,conn) | expected a list of init_and_term, memory_ops",
        "no memory ops   | (RULE=(SRC=*)(DST=*)(SRV=*)(ACT=accept)) | (EVENT_GROUP=(relay, memory_ops)) | EVENT_GROUP: 'memory_ops' is not offered: tnsrelay has no events of this group",
        "VNCR subnet     | (RULE=(SRC=*)(DST=*)(SRV=*)(ACT=accept)) | (VALID_NODE_CHECKING_REGISTRATION=subnet) | 'subnet' is not offered: tnsrelay does not work out this machine's subnets for valid node checking; instead, list the subnets in REGISTRATION_INVITED_NODES",
        "tdm             | (RULE=(SRC=*)(DST=*)(SRV=*)(ACT=accept)) | (TDM=yes)               | TDM: 'on' is not offered: tnsrelay does not offer Traffic Director Mode",
        "proxy by name   | (RULE=(SRC=*)(DST=*)(SRV=*)(ACT=accept)) | (PROXY_FROM=lb.example.com) | 'lb.example.com' is not an IP address or a /nn subnet",
        "proxy from any  | (RULE=(SRC=*)(DST=*)(SRV=*)(ACT=accept)) | (PROXY_FROM=10.0.0.0/8, *) | '*' is not an IP address or a /nn subnet",
        "proxy version   | (RULE=(SRC=*)(DST=*)(SRV=*)(ACT=accept)) | (PROXY_TO_NEXT_HOP=v3) | expected one of off, v1, v2",
        "AUT in a rule   | (RULE=(SRC=*)(DST=*)(SRV=*)(ACT=accept)(ACTION_LIST=(AUT=yes))) | | AUT: 'on' is not offered",
    })
    void invalidRulesAndParametersAreRefused(String name, String rules, String parameters, String detail) {
        NetParseException e = failure(instance(rules, parameters == null ? "" : parameters));
        assertTrue(e.detail().contains(detail), e.getMessage());
        assertTrue(e.position().line() >= 2, e.getMessage());
    }

    @Test
    void aMissingRuleListIsAnErrorNotAnOpenDoor() {
        NetParseException e = failure("c = (CONFIGURATION=(ADDRESS=(HOST=127.0.0.1)(PORT=1)))");
        assertTrue(e.detail().contains("has no RULE_LIST"), e.getMessage());
        assertTrue(failure("c = (CONFIGURATION=(RULE_LIST=(RULE=(SRC=*)(DST=*)(SRV=*)(ACT=drop))))").detail()
                .contains("no ADDRESS to listen on"));
        assertTrue(failure("c = (CONFIGURATION=(ADDRESS=(HOST=h)(PORT=1))(RULE_GROUP=(x=y)))").detail()
                .contains("RULE_GROUP"));
        assertTrue(failure("# only comments\n").detail().contains("no instance"));
    }

    @Test
    void anEmptyRuleListLoadsAndMeansNoAccess() {
        assertTrue(load("c = (CONFIGURATION=(ADDRESS=(HOST=127.0.0.1)(PORT=1))(RULE_LIST=))").rules().rules().isEmpty());
    }

    @Test
    void severalInstancesListeningOnSeveralAddresses() {
        CmanConfiguration config = CmanOra.parse("""
                cman_a = (CONFIGURATION=(ADDRESS_LIST=(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=1522))
                    (ADDRESS=(PROTOCOL=tcp)(HOST=::1)(PORT=1522)))
                  (RULE_LIST=(RULE=(SRC=2001:db8::/32)(DST=*)(SRV=sales)(ACT=reject))))
                cman_b = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcps)(HOST=localhost)(PORT=2484))
                  (RULE_LIST=(RULE=(SRC=*)(DST=*)(SRV=*)(ACT=drop))))
                WALLET_LOCATION = (SOURCE=(METHOD=File)(METHOD_DATA=(DIRECTORY=/w)))
                SQLNET.WALLET_OVERRIDE = TRUE
                """, "cman.ora");
        assertEquals(2, config.instances().size());
        assertEquals(2, config.instance("CMAN_A").orElseThrow().addresses().size());
        assertEquals(RuleAction.REJECT, config.instance("cman_a").orElseThrow().rules().rules().get(0).action());
        assertEquals("cman_b", config.defaultInstance("b").name());
        assertEquals("cman_a", config.defaultInstance("elsewhere").name());
        assertEquals(2, config.otherSettings().size());
        assertTrue(failure("a = (CONFIGURATION=(ADDRESS=(HOST=h)(PORT=1))(RULE_LIST=))\nA = (CONFIGURATION=(ADDRESS="
                + "(HOST=h)(PORT=1))(RULE_LIST=))").detail().contains("defined twice"));
        assertTrue(failure("a = (CONFIGURATION=(ADDRESS=(PROTOCOL=ipc)(KEY=x))(RULE_LIST=))").detail()
                .contains("TCP or TCPS"));
    }

    @Test
    void everyOfferedParameterHasAHonouredDefaultAndEveryOneADescription() {
        CmanParameters defaults = CmanParameters.defaults();
        for (CmanParameter p : CmanParameter.values()) {
            assertTrue(!p.description().isBlank(), p.name());
            assertEquals(p.support().offered(), defaults.asMap().containsKey(p), p.name() + ": show parameters lists"
                    + " what tnsrelay offers, and only that");
            if (p.support().offered()) {
                assertEquals(defaults, defaults.with(p, p.write(p.defaultValue())), p.name() + "'s default is honoured");
            }
        }
        assertEquals(Duration.ZERO, defaults.duration(CmanParameter.IDLE_TIMEOUT));
        assertEquals(List.of("init_and_term", "conn_hdlg", "proc_mgmt", "reg_and_load", "timer", "cmd_proc", "relay"),
                defaults.list(CmanParameter.EVENT_GROUP));
        assertThrows(NotOfferedException.class, () -> defaults.with(CmanParameter.TDM, "yes"));
        assertEquals(Duration.ofSeconds(1), defaults.duration(CmanParameter.IP_RATE_INTERVAL));
        assertEquals(List.of(), defaults.list(CmanParameter.PROXY_FROM));
    }

    @Test
    void theEmbeddedDefaultListensOnLoopbackAndAdmitsOnlyLocalClients() throws Exception {
        CmanInstance cman = CmanOra.embeddedDefault().instances().get(0);
        for (var a : cman.addresses()) {
            assertTrue(java.net.InetAddress.getByName(a.socketHost()).isLoopbackAddress(), a.toString());
        }
        for (var rule : cman.rules().rules()) {
            var src = (dev.tnsrelay.rules.HostPattern.Subnet) rule.source();
            assertTrue(src.network().isLoopbackAddress(), rule.toString());
        }
        assertTrue(cman.rules().firstMatch(java.net.InetAddress.getByName("192.0.2.7"), "10.0.0.1", "s",
                dev.tnsrelay.rules.NameLookup.NOTHING_KNOWN).isEmpty(), "a client from elsewhere matches no rule");
    }

    @Test
    void staticServicesInTheServiceList() {
        CmanInstance cman = load("""
                c = (CONFIGURATION=(ADDRESS=(HOST=127.0.0.1)(PORT=1522))(RULE_LIST=)
                  (SERVICE_LIST=
                    (SERVICE=(SERVICE_NAME=sales)(INSTANCE_NAME=sales1)(ADDRESS=(PROTOCOL=tcp)(HOST=db1)(PORT=1521)))
                    (SERVICE=(SERVICE_NAME=sales)(INSTANCE_NAME=sales2)(NODE=rack2)(SERVER=shared)(MAX_LOAD=50)
                      (ADDRESS=(PROTOCOL=tcp)(HOST=db2)(PORT=1522)))))
                """);
        assertEquals(2, cman.services().size());
        StaticService first = cman.services().get(0);
        assertEquals("db1", first.node());
        assertEquals(dev.tnsrelay.descriptor.ServerType.DEDICATED, first.server());
        assertEquals(100, first.maxLoad());
        StaticService second = cman.services().get(1);
        assertEquals("rack2", second.node());
        assertEquals(50, second.maxLoad());
        assertEquals(1522, second.address().port());
        NetParseException e = failure("c = (CONFIGURATION=(ADDRESS=(HOST=h)(PORT=1))(RULE_LIST=)\n"
                + "  (SERVICE_LIST=(SERVICE=(SERVICE_NAME=s)(INSTANCE=i)(ADDRESS=(HOST=h)(PORT=1)))))");
        assertEquals(2, e.position().line());
        assertTrue(e.detail().contains("unknown name INSTANCE in SERVICE (did you mean NODE?)")
                || e.detail().contains("unknown name INSTANCE in SERVICE"), e.getMessage());
        assertTrue(failure("c = (CONFIGURATION=(ADDRESS=(HOST=h)(PORT=1))(RULE_LIST=)(SERVICE_LIST=(SERVICE="
                + "(SERVICE_NAME=s)(INSTANCE_NAME=i))))").detail().contains("has no ADDRESS"));
    }

    @Test
    void suggestionsOnlyForLikelyTypos() {
        assertEquals(Optional.of("IDLE_TIMEOUT"), NameSuggestions.closest("IDLE_TIMOUT", CmanParameter.names()));
        assertEquals(Optional.empty(), NameSuggestions.closest("TRACING", CmanParameter.names()));
        assertEquals(1, NameSuggestions.distance("AB", "BA"));
    }
}
