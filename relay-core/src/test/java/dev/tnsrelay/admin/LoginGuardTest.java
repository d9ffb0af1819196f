package dev.tnsrelay.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The login throttle's numbers, on a clock the test moves: what docs/admin.md promises an administrator. */
class LoginGuardTest {

    private final MutableClock clock = new MutableClock();
    private final LoginGuard guard = new LoginGuard(clock);

    private void fail(String name, String source) {
        assertInstanceOf(LoginGuard.Admitted.class, guard.attempt(name, source), name + " from " + source);
        guard.done(name, source, false);
    }

    private Duration waitOf(String name, String source) {
        return assertInstanceOf(LoginGuard.Refused.class, guard.attempt(name, source)).retryAfter();
    }

    @Test
    void fiveFreeFailuresThenWaitsThatDoubleUpToAFifteenMinuteLockout() {
        List<Long> waits = new ArrayList<>();
        for (int failure = 1; failure <= 17; failure++) {
            fail("admin", "10.0.0.1"); // admitted: free, or its wait is over
            if (failure >= LoginGuard.FREE) {
                Duration wait = waitOf("admin", "10.0.0.1");
                waits.add(wait.toSeconds());
                clock.advance(wait);
            }
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 512L, 900L, 900L, 900L), waits);
        assertEquals(LoginGuard.LOCKOUT, LoginGuard.delayAfter(15));
        assertEquals(LoginGuard.LOCKOUT, LoginGuard.delayAfter(1_000));
        assertEquals(Duration.ZERO, LoginGuard.delayAfter(4));
    }

    @Test
    void whileItWaitsEvenTheRightPasswordIsRefusedUncheckedAndTheWaitEndsOnTime() {
        for (int i = 0; i < 5; i++) {
            fail("admin", "10.0.0.1");
        }
        clock.advance(Duration.ofSeconds(1));
        fail("admin", "10.0.0.1");
        assertEquals(Duration.ofSeconds(2), waitOf("admin", "10.0.0.1"));
        clock.advance(Duration.ofMillis(1500));
        assertEquals(Duration.ofSeconds(1), waitOf("admin", "10.0.0.1"), "rounded up to whole seconds");
        clock.advance(Duration.ofMillis(500));
        assertInstanceOf(LoginGuard.Admitted.class, guard.attempt("admin", "10.0.0.1"));
        guard.done("admin", "10.0.0.1", true);
        for (int i = 0; i < 4; i++) {
            fail("admin", "10.0.0.1");
        }
        assertInstanceOf(LoginGuard.Admitted.class, guard.attempt("admin", "10.0.0.1"), "a good password cleared it");
    }

    @Test
    void aNameIsSlowedFromEveryAddressAndAnAddressForEveryName() {
        for (int i = 0; i < 5; i++) {
            fail("admin", "10.0.0." + i); // one name, five addresses
        }
        assertTrue(waitOf("admin", "10.9.9.9").toSeconds() >= 1, "the name waits, wherever it comes from");
        assertInstanceOf(LoginGuard.Admitted.class, guard.attempt("alice", "10.9.9.9"));
        guard.done("alice", "10.9.9.9", true);

        for (int i = 0; i < 5; i++) {
            fail("user" + i, "192.168.1.1"); // one address, five names
        }
        assertTrue(waitOf("bob", "192.168.1.1").toSeconds() >= 1, "the address waits, whatever name it tries");
    }

    @Test
    void parallelGuessesGetNoMoreThanTheFreeAttemptsLeftAndThenOneAtATime() {
        int admitted = 0;
        for (int i = 0; i < 20; i++) { // twenty at once, none finished yet
            if (guard.attempt("admin", "10.0.0.1") instanceof LoginGuard.Admitted) {
                admitted++;
            }
        }
        assertEquals(LoginGuard.FREE, admitted);
        for (int i = 0; i < admitted; i++) {
            guard.done("admin", "10.0.0.1", false);
        }
        clock.advance(Duration.ofSeconds(1));
        assertInstanceOf(LoginGuard.Admitted.class, guard.attempt("admin", "10.0.0.1"));
        assertInstanceOf(LoginGuard.Refused.class, guard.attempt("admin", "10.0.0.1"), "one in flight at a time");
    }

    @Test
    void refusalsAreWrittenOnceAndCountedUntilTheNextCheck() {
        for (int i = 0; i < 5; i++) {
            fail("admin", "10.0.0.1");
        }
        assertTrue(((LoginGuard.Refused) guard.attempt("admin", "10.0.0.1")).first());
        for (int i = 0; i < 41; i++) {
            assertFalse(((LoginGuard.Refused) guard.attempt("admin", "10.0.0.1")).first());
        }
        clock.advance(Duration.ofSeconds(1));
        assertEquals(41, ((LoginGuard.Admitted) guard.attempt("admin", "10.0.0.1")).unwritten());
    }

    @Test
    void aChangeOfTheUsersFileLiftsEveryLockoutAndADayForgetsOne() {
        for (int i = 0; i < 20; i++) {
            clock.advance(LoginGuard.LOCKOUT);
            fail("admin", "10.0.0.1");
        }
        assertEquals(LoginGuard.LOCKOUT, waitOf("admin", "10.0.0.1"));
        guard.reset();
        assertInstanceOf(LoginGuard.Admitted.class, guard.attempt("admin", "10.0.0.1"));
        guard.done("admin", "10.0.0.1", false);

        for (int i = 0; i < 20; i++) {
            fail("mallory", "10.6.6.6");
            clock.advance(LoginGuard.LOCKOUT);
        }
        clock.advance(LoginGuard.FORGET);
        for (int i = 0; i < LoginGuard.FREE - 1; i++) {
            fail("mallory", "10.6.6.6");
        }
        assertInstanceOf(LoginGuard.Admitted.class, guard.attempt("mallory", "10.6.6.6"), "counted from nothing again");
    }

    @Test
    void inventedNamesCostBoundedMemory() {
        for (int i = 0; i < LoginGuard.TRACKED + 500; i++) {
            fail("name" + i, "10.0." + (i / 250) + "." + (i % 250));
        }
        // the oldest names are forgotten: name0 may try again at once, the newest one is counted
        assertInstanceOf(LoginGuard.Admitted.class, guard.attempt("name0", "10.200.0.1"));
    }
}
