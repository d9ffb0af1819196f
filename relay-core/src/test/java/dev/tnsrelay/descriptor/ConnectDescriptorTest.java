package dev.tnsrelay.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.net.NetParseException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Rows of shared/corpora/ezconnect/cases.md §5 (numbers in the method names), plus Oracle's defaults. */
class ConnectDescriptorTest {

    private static ConnectDescriptor parse(String text) {
        return ConnectDescriptor.parse(text, "t");
    }

    private static List<String> hostPorts(Description d) {
        return d.addresses().stream().map(a -> a.protocol() + "://" + a.host() + ":" + a.port()).toList();
    }

    @Test
    void row57_plainDescription() {
        ConnectDescriptor cd = parse("(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=my_host4)(PORT=1589))\n"
                + "(CONNECT_DATA=(SERVICE_NAME=my_service_name4)))");
        Description d = cd.descriptions().get(0);
        assertEquals(List.of("tcp://my_host4:1589"), hostPorts(d));
        assertEquals(Optional.of("my_service_name4"), d.connectData().orElseThrow().serviceName());
        assertTrue(d.failover());
        assertFalse(d.loadBalance());
        assertFalse(d.sourceRoute());
    }

    @Test
    void row59_row63_retriesAndTimeoutsWithUnits() {
        Description d = parse("(DESCRIPTION=(RETRY_COUNT=6)(RETRY_DELAY=5)(TRANSPORT_CONNECT_TIMEOUT=500 ms)"
                + "(CONNECT_TIMEOUT=5 min)(ADDRESS=(PROTOCOL=TCP)(HOST=h)(PORT=1593)))").descriptions().get(0);
        assertEquals(6, d.retryCount());
        assertEquals(Duration.ofSeconds(5), d.retryDelay());
        assertEquals(Optional.of(Duration.ofMillis(500)), d.transportConnectTimeout());
        assertEquals(Optional.of(Duration.ofMinutes(5)), d.connectTimeout());
    }

    @ParameterizedTest
    @CsvSource({"500 ms, 500", "15 SEC, 15000", "5 min, 300000", "34, 34000", "1000ms, 1000", "2 hr, 7200000",
            "2.5, 2500"})
    void row63_durationUnits(String text, long millis) {
        Description d = parse("(DESCRIPTION=(TRANSPORT_CONNECT_TIMEOUT=" + text + ")(ADDRESS=(HOST=h)(PORT=1)))")
                .descriptions().get(0);
        assertEquals(Optional.of(Duration.ofMillis(millis)), d.transportConnectTimeout());
    }

    @Test
    void row64_badNumberIsAnErrorWithItsPosition() {
        NetParseException e = assertThrows(NetParseException.class,
                () -> parse("(DESCRIPTION=(RETRY_COUNT=wrong)(ADDRESS=(HOST=h)(PORT=1)))"));
        assertEquals(14, e.position().column());
        assertTrue(e.detail().contains("RETRY_COUNT must be a whole number"), e.getMessage());
    }

    @Test
    void row65_row66_securityAndQuotedValues() {
        Description d = parse("(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP) \n(HOST=my_host23)\n\n(PORT=1560))"
                + "(CONNECT_DATA=  (SERVICE_NAME=my_service_name23))\n"
                + "(SECURITY=(SSL_SERVER_CERT_DN=\"CN=unknown19a\")(MY_WALLET_DIRECTORY=\"my wallet dir 23\")))")
                .descriptions().get(0);
        assertEquals("my wallet dir 23", d.security().orElseThrow().text("MY_WALLET_DIRECTORY").orElseThrow());
        assertEquals("CN=unknown19a", d.security().orElseThrow().text("SSL_SERVER_CERT_DN").orElseThrow());
    }

    @Test
    void row67_printedAsRead() {
        String text = "(DESCRIPTION=(LOAD_BALANCE=ON)(RETRY_COUNT=5)(RETRY_DELAY=2)(ADDRESS_LIST=(LOAD_BALANCE=ON)"
                + "(ADDRESS=(PROTOCOL=tcp)(HOST=my_host25)(PORT=4521))(ADDRESS=(PROTOCOL=tcp)(HOST=my_host26)"
                + "(PORT=4522)))(CONNECT_DATA=(SERVICE_NAME=my_service_name25)))";
        ConnectDescriptor cd = parse(text);
        assertEquals(text, cd.toString());
        assertTrue(cd.descriptions().get(0).loadBalance());
    }

    @Test
    void row69_descriptionListWithFailOverSpellingAndDefaults() {
        ConnectDescriptor cd = parse("(DESCRIPTION_LIST=(FAIL_OVER=ON)(LOAD_BALANCE=OFF)"
                + "(DESCRIPTION=(RETRY_COUNT=1)(ADDRESS_LIST = (ADDRESS=(HOST=a1)(PORT=1))(ADDRESS=(HOST=a2)(PORT=2)))"
                + "(ADDRESS_LIST=(ADDRESS=(PROTOCOL=tcps)(HOST=a3)(PORT=3)))(CONNECT_DATA=(SERVICE_NAME=s27)))"
                + "(DESCRIPTION=(RETRY_COUNT=2)(RETRY_DELAY=3)(ADDRESS_LIST=(ADDRESS=(HOST=b1)(PORT=4)))"
                + "(CONNECT_DATA=(SERVICE_NAME=s28))))");
        assertTrue(cd.isList());
        assertTrue(cd.failover());
        assertFalse(cd.loadBalance());
        assertEquals(2, cd.descriptions().size());
        assertEquals(List.of("tcp://a1:1", "tcp://a2:2", "tcps://a3:3"), hostPorts(cd.descriptions().get(0)));
        assertTrue(parse("(DESCRIPTION_LIST=(DESCRIPTION=(ADDRESS=(HOST=x)(PORT=1))))").loadBalance(),
                "LOAD_BALANCE is on by default for a DESCRIPTION_LIST");
    }

    @Test
    void row70_httpsProxyOnTheAddress() {
        Address a = parse("(ADDRESS=(HTTPS_PROXY=proxy_4528a)(HTTPS_PROXY_PORT=4528)(PROTOCOL=TCP)(HOST=h)(PORT=8528))")
                .descriptions().get(0).addresses().get(0);
        assertEquals(Optional.of("proxy_4528a"), a.httpsProxy());
        assertEquals(OptionalInt.of(4528), a.httpsProxyPort());
    }

    @Test
    void row71_serverType() {
        ConnectData dedicated = parse("(DESCRIPTION=(ADDRESS=(HOST=h)(PORT=1))(CONNECT_DATA=(SERVER=DEDICATED)"
                + "(SERVICE_NAME=s)))").connectData().orElseThrow();
        assertEquals(Optional.of(ServerType.DEDICATED), dedicated.server());
        // what Oracle's listener would decide is not ours to refuse: kept in the tree, not typed
        ConnectData odd = parse("(DESCRIPTION=(ADDRESS=(HOST=h)(PORT=1))(CONNECT_DATA=(SERVER=DEDICATED_1)(SID=K2)))")
                .connectData().orElseThrow();
        assertEquals(Optional.empty(), odd.server());
        assertEquals("DEDICATED_1", odd.nv().text("SERVER").orElseThrow());
        assertEquals(Optional.of("K2"), odd.service());
    }

    @Test
    void row72_mixedContainersInDocumentOrder() {
        Description d = parse("(DESCRIPTION=(ADDRESS=(HOST=host1)(PORT=1))(ADDRESS_LIST=(ADDRESS=(HOST=host2a)(PORT=2))"
                + "(ADDRESS=(HOST=host2b)(PORT=2)))(ADDRESS=(HOST=host3)(PORT=3)))").descriptions().get(0);
        assertEquals(List.of("host1", "host2a", "host2b", "host3"), d.addresses().stream().map(Address::host).toList());
    }

    @Test
    void row74_sduWithoutConnectData() {
        Description d = parse("(DESCRIPTION=(SDU=65535)(ADDRESS=(PROTOCOL=TCP)(HOST=my_host1)(PORT=1589)))")
                .descriptions().get(0);
        assertEquals(OptionalInt.of(65535), d.sdu());
        assertTrue(d.connectData().isEmpty());
    }

    @Test
    void row75_misspeltContainer() {
        NetParseException top = assertThrows(NetParseException.class,
                () -> parse("(DESRIPTION=(ADDRESS=(HOST=h)(PORT=1)))"));
        assertTrue(top.detail().contains("found DESRIPTION"), top.getMessage());
        NetParseException inner = assertThrows(NetParseException.class,
                () -> parse("(DESCRIPTION=(ADRESS=(HOST=h)(PORT=1)))").requireAddress());
        assertTrue(inner.detail().contains("no ADDRESS"), inner.getMessage());
    }

    @Test
    void row76_bareKeyValueInAContainer() {
        NetParseException e = assertThrows(NetParseException.class, () -> parse("(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)"
                + "(HOST=localhost)(PORT=1521))(CONNECT_DATA=(SERVER=DEDICATED) SERVICE_NAME=orclpdb1))"));
        assertEquals(98, e.position().column(), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"(ADDRESS=5)", "(ADDRESS_LIST=5)", "(DESCRIPTION=5)", "(DESCRIPTION_LIST=5)",
            "(DESCRIPTION=(ADDRESS=(HOST=h))(CONNECT_DATA=5))", "(DESCRIPTION=(ADDRESS=(HOST=h))(SECURITY=5))"})
    void row77_containerGivenAPlainValue(String text) {
        NetParseException e = assertThrows(NetParseException.class, () -> parse(text));
        assertTrue(e.detail().contains("must hold (NAME=value) pairs"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "(DESCRIPTION=(ADDRESS=(PROTOCOL=tcp)(HOST=h)(PORT=1))(CONNECT_DATA=(SERVICE_NAME=s)(COMPLEX_KEY=(SUB_VALUE_A=5)(SUB_VALUE_B=(SUB_SUB_A=6)))))",
        "(DESCRIPTION=(ENABLE=broken)(RECV_TIMEOUT=10 ms)(COMPRESSION=on)(COMPRESSION_LEVELS=(LEVEL=high))(ADDRESS=(PROTOCOL=tcp)(HOST=h)(PORT=1))(CONNECT_DATA=(SERVICE_NAME=s)(FAILOVER_MODE=(TYPE=select)(METHOD=basic)(RETRIES=2)(DELAY=15))(HS=ok)))",
        "(DESCRIPTION_LIST=(DESCRIPTION=(TYPE_OF_SERVICE=rdb_database)(ADDRESS=(PROTOCOL=tcp)(HOST=my_host94_1)(PORT=5002))(CONNECT_DATA=(SERVICE_NAME=generic)(RDB_DATABASE=[.mf]mf_personal.rdb)(GLOBAL_NAME=alpha5)))(DESCRIPTION=(TYPE_OF_SERVICE=oracle11_database)(ADDRESS=(PROTOCOL=tcp)(HOST=my_host94_2)(PORT=5003))(CONNECT_DATA=(SERVICE_NAME=sales.us.example.com))))",
        "(DESCRIPTION=(ADDRESS=(PROTOCOL=tcps)(HOST=h)(PORT=1))(SECURITY=(SSL_SERVER_CERT_DN=CN=unknown19a)(KERBEROS5_PRINCIPAL=krbprinc2@example.com)))"
    })
    void rows78to85_unknownKeysRoundTrip(String text) {
        assertEquals(text, parse(text).toString());
    }

    @Test
    void ipv6HostsLoseTheirBracketsOnlyForTheSocket() {
        Address a = parse("(DESCRIPTION=(ADDRESS=(PROTOCOL=tcp)(HOST=[::1])(PORT=1)))").descriptions().get(0)
                .addresses().get(0);
        assertEquals("[::1]", a.host());
        assertEquals("::1", a.socketHost());
        Address plain = Address.tcp("2001:db8::7", 1522);
        assertEquals("2001:db8::7", plain.socketHost());
        assertEquals("(ADDRESS=(PROTOCOL=tcp)(HOST=2001:db8::7)(PORT=1522))", plain.toString());
    }

    @Test
    void aBareAddressEntryIsADescriptionOfItself() {
        ConnectDescriptor cd = parse("(ADDRESS = (PROTOCOL = TCP)(HOST = localhost)(PORT = 1521))");
        assertEquals(List.of("tcp://localhost:1521"), hostPorts(cd.descriptions().get(0)));
        assertTrue(cd.connectData().isEmpty());
    }

    @Test
    void tcpAddressNeedsAHostAndAPortInRange() {
        assertThrows(NetParseException.class, () -> parse("(ADDRESS=(PROTOCOL=tcp)(PORT=1))"));
        NetParseException e = assertThrows(NetParseException.class, () -> parse("(ADDRESS=(HOST=h)(PORT=70000))"));
        assertTrue(e.detail().contains("from 0 to 65535"), e.getMessage());
        assertEquals(1521, parse("(ADDRESS=(HOST=h))").descriptions().get(0).addresses().get(0).port());
        assertEquals(0, parse("(ADDRESS=(PROTOCOL=IPC)(KEY=EXTPROC1))").descriptions().get(0).addresses().get(0).port());
    }
}
