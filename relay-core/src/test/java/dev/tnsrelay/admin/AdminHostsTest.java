package dev.tnsrelay.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The Host headers the admin doors answer: loopback names always, others only when configured. */
class AdminHostsTest {

    @Test
    void loopbackNamesOnAnyPortAndNothingElseByDefault() {
        AdminHosts hosts = AdminHosts.of("");
        for (String ok : List.of("localhost", "localhost:8080", "LOCALHOST:8080", "localhost.", "127.0.0.1:8080",
                "[::1]:8080", "[::1]")) {
            assertTrue(hosts.allows(ok), ok);
        }
        for (String no : List.of("evil.example:8080", "evil.example", "127.0.0.1.evil.example", "localhost.evil",
                "10.0.0.1:8080", "", "::1", "[::1", "[::1]x", "localhost:80x", "localhost:8080:1", "x".repeat(400))) {
            assertFalse(hosts.allows(no), no);
        }
        assertFalse(hosts.allows(null), "no Host header");
    }

    @Test
    void configuredNamesAndAddressesAreAdded() {
        AdminHosts hosts = AdminHosts.of("admin.example.com, 10.1.2.3 [fd00::7]");
        assertTrue(hosts.allows("Admin.Example.Com:443"));
        assertTrue(hosts.allows("10.1.2.3:8080"));
        assertTrue(hosts.allows("[fd00::7]:8080"));
        assertTrue(hosts.allows("localhost:8080"), "loopback stays");
        assertFalse(hosts.allows("www.example.com"));
        assertEquals(List.of("localhost", "127.0.0.1", "::1", "admin.example.com", "10.1.2.3", "fd00::7"), hosts.names());
    }

    @Test
    void anEntryThatIsNoNameSaysSo() {
        for (String bad : List.of("*.example.com", "admin.example.com:8080", "http://admin", "a/b")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AdminHosts.of(bad), bad);
            assertTrue(e.getMessage().startsWith("adminHosts: '"), e.getMessage());
        }
    }
}
