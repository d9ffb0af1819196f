package dev.tnsrelay.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Addresses written as people write them (RFC 5952 for IPv6), read back to the same address. */
class IpLiteralTest {

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, 127.0.0.1",
        "0:0:0:0:0:0:0:1, ::1",
        "0:0:0:0:0:0:0:0, ::",
        "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "fe80:0:0:0:0:0:0:0, fe80::",
    })
    void shortForm(String given, String expected) {
        var address = IpLiteral.parse(given).orElseThrow();
        assertEquals(expected, IpLiteral.text(address));
        assertEquals(address, IpLiteral.parse(expected).orElseThrow());
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"1.2.3", "1.2.3.4.", ".1.2.3", "1..2.3", "256.1.1.1",
        "1.2.3.256", "1.2.3.4a", "1.2.3.0004", "a.b.c.d", "db1", "sales.example.com", "::g", "1:2:3:4:5:6:7:8:9", ""})
    void namesAndMalformedAddressesAreNoLiterals(String host) {
        assertEquals(java.util.Optional.empty(), IpLiteral.parse(host), host);
    }

    @ParameterizedTest
    @CsvSource({"10.1.2.3, 10.1.2.3", "010.001.0.255, 10.1.0.255", "' 192.168.0.1 ', 192.168.0.1", "[::1], ::1"})
    void addressesAsWritten(String host, String expected) {
        assertEquals(expected, IpLiteral.text(IpLiteral.parse(host).orElseThrow()));
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1, 1522, 127.0.0.1:1522", "::1, 1522, [::1]:1522"})
    void hostAndPort(String host, int port, String expected) {
        assertEquals(expected, IpLiteral.hostPort(IpLiteral.parse(host).orElseThrow(), port));
    }
}
