package dev.tnsrelay.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.descriptor.Address;
import dev.tnsrelay.descriptor.ConnectData;
import dev.tnsrelay.descriptor.ConnectDescriptor;
import dev.tnsrelay.descriptor.Description;
import dev.tnsrelay.descriptor.ServerType;
import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.net.NvPair;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Rows of shared/corpora/ezconnect/cases.md §1–§4 (numbers in the names). */
class EasyConnectTest {

    private static Description only(String text) {
        ConnectDescriptor cd = EasyConnect.parse(text);
        assertEquals(1, cd.descriptions().size());
        return cd.descriptions().get(0);
    }

    private static List<String> hosts(Description d) {
        return d.addresses().stream().map(a -> a.protocol() + "://" + a.host() + ":" + a.port()).toList();
    }

    @ParameterizedTest(name = "row {0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "1  | my_host:1578/my_service_name           | tcp://my_host:1578   | my_service_name",
        "2  | my_host2/my_service_name2              | tcp://my_host2:1521  | my_service_name2",
        "5  | tcps://my_host6/my_service_name6       | tcps://my_host6:1521 | my_service_name6",
        "7  | my_host15:1578/                        | tcp://my_host15:1578 | ''",
        "8  | my_host17:/my_service_name17           | tcp://my_host17:1521 | my_service_name17",
        "9  | tcp://my_host_4568:1668/my_service_4568 | tcp://my_host_4568:1668 | my_service_4568",
        "10 | [::1]:4547/service_name_4547           | tcp://::1:4547       | service_name_4547",
        "11 | //host_4552:4552/service_name_4552     | tcp://host_4552:4552 | service_name_4552",
        "50 | sales-server                           | tcp://sales-server:1521 | ''",
        "51 | sales-server:3456                      | tcp://sales-server:3456 | ''",
        "52 | sales-server/sales                     | tcp://sales-server:1521 | sales",
        "53 | [2001:0db8:0:0::200C:417A]:80/sales    | tcp://2001:0db8:0:0::200C:417A:80 | sales",
        "54 | sales-server:80/sales                  | tcp://sales-server:80 | sales",
    })
    void basicForms(int row, String input, String address, String service) {
        Description d = only(input);
        assertEquals(List.of(address), hosts(d), "row " + row);
        assertEquals(Optional.of(service), d.connectData().orElseThrow().serviceName(), "row " + row);
    }

    @Test
    void rows3and4_serverTypeIsCaseFolded() {
        assertEquals(Optional.of(ServerType.POOLED),
                only("my_host3.org/my_service_name3:pooled").connectData().orElseThrow().server());
        assertEquals(Optional.of(ServerType.SHARED),
                only("my_host3/my_service_name3:ShArEd").connectData().orElseThrow().server());
    }

    @Test
    void row6_unknownProtocol() {
        NetParseException e = assertThrows(NetParseException.class,
                () -> EasyConnect.parse("invalid_proto://my_host7/my_service_name7"));
        assertTrue(e.detail().contains("invalid_proto"), e.getMessage());
    }

    @Test
    void row12_row55_instanceAndServer() {
        ConnectData data = only("host_4571:4571/service_4571/instance_4571").connectData().orElseThrow();
        assertEquals(Optional.of("instance_4571"), data.instanceName());
        ConnectData oracle = only("sales-server/sales:dedicated/inst1").connectData().orElseThrow();
        assertEquals(Optional.of("inst1"), oracle.instanceName());
        assertEquals(Optional.of(ServerType.DEDICATED), oracle.server());
        assertEquals("(CONNECT_DATA=(SERVICE_NAME=sales)(INSTANCE_NAME=inst1)(SERVER=dedicated))", oracle.nv().toString());
        ConnectData noService = only("sales-server//inst1").connectData().orElseThrow();
        assertEquals(Optional.of(""), noService.serviceName());
        assertEquals(Optional.of("inst1"), noService.instanceName());
    }

    @Test
    void row18_aPortAppliesToTheHostsBeforeIt() {
        Description d = only("host4548a,host4548b:4548,host4548c,host4548d:4549/service_name_4548");
        assertEquals(List.of("tcp://host4548a:4548", "tcp://host4548b:4548", "tcp://host4548c:4549",
                "tcp://host4548d:4549"), hosts(d));
        assertTrue(d.loadBalance(), "the native client load-balances several hosts (row 21)");
    }

    @Test
    void row19_semicolonsSeparateAddressListsTriedInOrder() {
        Description d = only("host4549a;host4549b,host4549c:4549;host4549d/service_name_4549");
        assertEquals(List.of("tcp://host4549a:1521", "tcp://host4549b:4549", "tcp://host4549c:4549",
                "tcp://host4549d:1521"), hosts(d));
        assertFalse(d.loadBalance(), "the groups are tried in order");
        assertEquals(3, d.nodes().size());
        assertEquals("(DESCRIPTION=(ADDRESS=(PROTOCOL=tcp)(HOST=host4549a)(PORT=1521))(ADDRESS_LIST=(LOAD_BALANCE=ON)"
                + "(ADDRESS=(PROTOCOL=tcp)(HOST=host4549b)(PORT=4549))(ADDRESS=(PROTOCOL=tcp)(HOST=host4549c)(PORT=4549)))"
                + "(ADDRESS=(PROTOCOL=tcp)(HOST=host4549d)(PORT=1521))(CONNECT_DATA=(SERVICE_NAME=service_name_4549)))",
                d.nv().toString());
    }

    @Test
    void rows20to22_nativeTnspingExpansions() {
        assertEquals(ConnectDescriptor.parse("(DESCRIPTION=(ADDRESS=(PROTOCOL=tcp)(HOST=joords1)(PORT=1521))"
                + "(CONNECT_DATA=(SERVICE_NAME=sales.us.example.com)))", "oracle"),
                EasyConnect.parse("tcp://joords1:1521/sales.us.example.com"));
        assertEquals(ConnectDescriptor.parse("(DESCRIPTION=(LOAD_BALANCE=ON)(ADDRESS=(PROTOCOL=tcp)(HOST=joords1)(PORT=1521))"
                + "(ADDRESS=(PROTOCOL=tcp)(HOST=joords2)(PORT=1521))(CONNECT_DATA=(SERVICE_NAME=sales.us.example.com)))",
                "oracle"), EasyConnect.parse("//joords1,joords2:1521/sales.us.example.com"));
        assertEquals(List.of("tcp://joords1:1521", "tcp://joords2:1522", "tcp://joords3:1522"),
                hosts(only("//joords1:1521,joords2,joords3:1522/sales.us.example.com")));
    }

    @ParameterizedTest(name = "row {0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "23 | retry_count=3&retry_delay=6           | (RETRY_COUNT=3)(RETRY_DELAY=6)",
        "24 | enable=broken                          | (ENABLE=broken)",
        "25 | failover=yes                           | ''",
        "26 | failover=1700                          | (FAILOVER=OFF)",
        "27 | load_balance=true                      | (LOAD_BALANCE=ON)",
        "28 | load_balance=unsupported_value         | ''",
        "29 | recv_buf_size=87300                    | (RECV_BUF_SIZE=87300)",
        "31 | sdu=16384                              | (SDU=16384)",
        "33 | source_route=on                        | (SOURCE_ROUTE=ON)",
        "34 | source_route=wrong                     | ''",
        "36 | transport_connect_timeout=500ms        | (TRANSPORT_CONNECT_TIMEOUT=500ms)",
        "43 | use_sni=on                             | (USE_SNI=ON)",
        "45 | simple_key=simple_value                | ''",
    })
    void descriptionLevelParameters(int row, String params, String part) {
        String expected = "(DESCRIPTION=" + part + "(ADDRESS=(PROTOCOL=tcp)(HOST=host_4579)(PORT=4579))"
                + "(CONNECT_DATA=(SERVICE_NAME=service_4579)))";
        assertEquals(expected, EasyConnect.parse("host_4579:4579/service_4579?" + params).toString(), "row " + row);
    }

    @Test
    void rows37_47_securityParametersGoToSecurity() {
        Description d = only("tcps://host_4580:4580/service_4580?ssl_server_dn_match=true&ssl_server_cert_dn="
                + "'cn=sales,cn=OracleContext,dc=us,dc=example,dc=com'&wallet_location='/tmp/oracle'");
        NvPair security = d.security().orElseThrow();
        assertEquals("(SECURITY=(SSL_SERVER_DN_MATCH=ON)(SSL_SERVER_CERT_DN='cn=sales,cn=OracleContext,dc=us,dc=example,"
                + "dc=com')(MY_WALLET_DIRECTORY='/tmp/oracle'))", security.toString());
        Description spaced = only("my_host20/my_server_name20?\n ssl_server_cert_dn=\"CN=unknown20a\"&\n"
                + " ssl_server_dn_match= On &\n wallet_location = \"/tmp/wallet_loc20a\" ");
        assertEquals("CN=unknown20a", spaced.security().orElseThrow().text("SSL_SERVER_CERT_DN").orElseThrow());
        assertEquals("ON", spaced.security().orElseThrow().text("SSL_SERVER_DN_MATCH").orElseThrow());
    }

    @Test
    void rows38_41_42_otherLevels() {
        Description d = only("my_host21/my_server_name21?\n expire_time=5&\n retry_delay=10&\n retry_count=12&\n"
                + " transport_connect_timeout=2.5");
        assertEquals(12, d.retryCount());
        assertEquals(java.time.Duration.ofMillis(2500), d.transportConnectTimeout().orElseThrow());
        Address a = only("tcps://my_host_4528b/my_service_name_4528b?\n https_proxy=proxy_4528b&https_proxy_port=9528")
                .addresses().get(0);
        assertEquals(Optional.of("proxy_4528b"), a.httpsProxy());
        ConnectData pooled = only("my_host_33/my_service_name_33:pooled?\n pool_connection_class=cclass_33a&\n"
                + " pool_purity=self").connectData().orElseThrow();
        assertEquals("cclass_33a", pooled.nv().text("POOL_CONNECTION_CLASS").orElseThrow());
        assertEquals(Optional.of(ServerType.POOLED), pooled.server());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "my_host22/my_server_name22?expire_time=invalid",
        "my_host22/my_server_name22?expire_time",
        "host4574:1589/service4574?key_contains space=simple_value",
        "host4574:1589/service4574?^my_key_name=simple_value",
        "host4574:1589/service4574?key_contains'r'=simple_value",
        "host4574:1589/service4574?∆key✓🚀=simple_value",
        "host:99999/svc",
        "[::1/svc",
        ""
    })
    void rows39_40_46_badParametersAndAddresses(String input) {
        NetParseException e = assertThrows(NetParseException.class, () -> EasyConnect.parse(input));
        assertEquals("easy connect", e.position().source(), e.getMessage());
    }

    /**
     * Values that Oracle Net text must quote (found by the easy-connect fuzz target): the expansion prints as a
     * descriptor that reads back the same, and text in a value can never add pairs to it.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "# COMMENT",
        "db1/sales)(SOURCE_ROUTE=yes)(ADDRESS=(PROTOCOL=tcp)(HOST=evil)(PORT=1)",
        "db1/sales#2:dedicated/inst(1)",
        "db1/sales?wallet_location=C:\\My Wallets (old)&ssl_server_cert_dn=\"CN=db,O=x\"",
        "'quoted host'/s"
    })
    void valuesThatNeedQuotesPrintAsADescriptorThatReadsBack(String input) {
        ConnectDescriptor d = EasyConnect.parse(input);
        ConnectDescriptor again = ConnectDescriptor.parse(d.toString(), "printed");
        assertEquals(d, again);
        assertEquals(1, again.descriptions().get(0).addresses().size(), again.toString());
    }

    @Test
    void aValueThatNoQuotingWritesBackIsAnEasyConnectError() {
        NetParseException e = assertThrows(NetParseException.class, () -> EasyConnect.parse("db1/sales\\"));
        assertEquals("easy connect", e.position().source(), e.getMessage());
    }
}
