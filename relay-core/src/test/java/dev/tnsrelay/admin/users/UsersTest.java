package dev.tnsrelay.admin.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersTest {

    @Test
    void theFirstStartMakesARandomAdminPasswordKeptHashedAndSaysWhere(@TempDir Path dir) throws Exception {
        Users users = Users.in(dir, Clock.systemUTC());
        Path note = users.createAdminIfNone().orElseThrow();
        String password = Files.readString(note).strip();

        assertEquals(20, password.length());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(note)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(users.file())));
        String stored = Files.readString(users.file());
        assertFalse(stored.contains(password), "no password in clear");
        assertTrue(stored.contains("admin:admin:pbkdf2-sha256:210000:"), stored);
        assertEquals(Optional.of(Role.ADMIN), users.check("admin", password.toCharArray()));
        assertEquals(Optional.empty(), users.check("admin", (password + "x").toCharArray()));
        assertEquals(Optional.empty(), users.check("nobody", password.toCharArray()));

        assertEquals(Optional.empty(), Users.in(dir, Clock.systemUTC()).createAdminIfNone(), "a second start makes no new password");
    }

    @Test
    void changingTheAdminPasswordRemovesTheInitialOneAndAnotherProcessSeesNewUsers(@TempDir Path dir) {
        Users server = Users.in(dir, Clock.systemUTC());
        Path note = server.createAdminIfNone().orElseThrow();
        Users tool = Users.in(dir, Clock.systemUTC()); // bin/tnsrelay-passwd, another process
        tool.put("admin", Role.ADMIN, "a-new-long-password".toCharArray());
        tool.put("watcher", Role.MONITOR, "watching-all-day".toCharArray());

        assertFalse(Files.exists(note));
        assertEquals(Optional.of(Role.ADMIN), server.check("admin", "a-new-long-password".toCharArray()));
        assertEquals(Optional.of(Role.MONITOR), server.check("watcher", "watching-all-day".toCharArray()));
    }

    @Test
    void shortPasswordsAndOddNamesAreRefused(@TempDir Path dir) {
        Users users = Users.in(dir, Clock.systemUTC());
        assertThrows(IllegalArgumentException.class, () -> users.put("bob", Role.ADMIN, "short".toCharArray()));
        assertThrows(IllegalArgumentException.class, () -> users.put("bob:x", Role.ADMIN, "long-enough-pass".toCharArray()));
    }

    @Test
    void aUserAsAnotherServerKeepsItIsTakenHashedAndAReplacedAdminTakesItsFirstPasswordAway(@TempDir Path dir)
            throws Exception {
        Users there = Users.in(dir.resolve("there"), Clock.systemUTC());
        there.put("bob", Role.MONITOR, "bob-looks-around".toCharArray());
        Users here = Users.in(dir.resolve("here"), Clock.systemUTC());
        here.createAdminIfNone().orElseThrow();
        String bob = there.lines().get("bob");
        assertTrue(bob.startsWith("bob:monitor:pbkdf2-sha256:210000:") && !bob.contains("bob-looks-around"), bob);
        here.adopt(bob);
        assertEquals(Optional.of(Role.MONITOR), here.check("bob", "bob-looks-around".toCharArray()));

        there.put("admin", Role.ADMIN, "the-clusters-admin".toCharArray());
        here.adopt(there.lines().get("admin"));
        assertEquals(Optional.of(Role.ADMIN), here.check("admin", "the-clusters-admin".toCharArray()));
        assertFalse(Files.exists(dir.resolve("here").resolve(Users.INITIAL_PASSWORD_FILE)),
                "the first password no longer opens anything: its file goes");
        assertThrows(IllegalStateException.class, () -> here.adopt("eve:admin:plain:password"));
    }

    @Test
    void aDamagedFileIsReportedWithItsLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(Users.FILE), "# users\nadmin:admin:plain:secret\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Users.in(dir, Clock.systemUTC()).check("admin", "secret".toCharArray()));
        assertTrue(e.getMessage().contains("users:2:"), e.getMessage());
    }

    @Test
    void whatItWroteIsWhatItKnowsEvenWhenTheFileKeepsItsTimeAndSize(@TempDir Path dir) throws Exception {
        Users there = Users.in(dir.resolve("there"), Clock.systemUTC());
        there.put("admin", Role.ADMIN, "the-other-admin-pw".toCharArray());
        Users here = Users.in(dir.resolve("here"), Clock.systemUTC());
        here.put("admin", Role.ADMIN, "this-nodes-admin-pw".toCharArray());
        java.nio.file.attribute.FileTime before = Files.getLastModifiedTime(dir.resolve("here/users"));
        here.adopt(there.lines().get("admin")); // a line of the same length: the same size
        Files.setLastModifiedTime(dir.resolve("here/users"), before); // and the same time, as within a millisecond
        assertEquals(there.lines().get("admin"), here.lines().get("admin"), "not the line it replaced");
    }
}
