package dev.tnsrelay.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostPatternTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
        "192.0.2.32/27, 192.0.2.33, true",
        "192.0.2.32/27, 192.0.2.63, true",
        "192.0.2.32/27, 192.0.2.64, false",
        "10.0.0.0/8, 10.255.1.2, true",
        "127.0.0.1, 127.0.0.1, true",
        "127.0.0.1, 127.0.0.2, false",
        "0.0.0.0/0, 203.0.113.9, true",
        "2001:db8::/32, 2001:db8:1::5, true",
        "2001:db8::/32, 2001:db9::5, false",
        "::1, ::1, true",
        "10.0.0.0/8, ::1, false",
    })
    void subnets(String pattern, String address, boolean inside) throws Exception {
        HostPattern.Subnet subnet = assertInstanceOf(HostPattern.Subnet.class, HostPattern.parse(pattern));
        assertEquals(inside, subnet.contains(InetAddress.getByName(address)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "192.168.1.*   | 192.168.1.0/24",
        "141.145.*.*   | 141.145.0.0/16",
        "10.*          | 10.0.0.0/8",
        "*.*.*.*       | 0.0.0.0/0",
    })
    void partialWildcardsSayWhichSubnetToWrite(String pattern, String subnet) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostPattern.parse(pattern));
        assertTrue(e.getMessage().endsWith("write the subnet as " + subnet), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"sales-server", "DB01.Example.COM", "foo"})
    void hostNamesAreKeptLowerCase(String name) {
        HostPattern.HostName host = assertInstanceOf(HostPattern.HostName.class, HostPattern.parse(name));
        assertEquals(name.toLowerCase(java.util.Locale.ROOT), host.name());
        assertFalse(host.name().isEmpty());
    }

    @ParameterizedTest
    @CsvSource({"300.1.1.1", "host/24", "bad host", "2001:zz::1"})
    void invalidPatterns(String pattern) {
        assertThrows(IllegalArgumentException.class, () -> HostPattern.parse(pattern));
    }
}
