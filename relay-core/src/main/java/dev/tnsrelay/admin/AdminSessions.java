package dev.tnsrelay.admin;

import dev.tnsrelay.logging.LogText;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * The administration sessions open now, at most MAX_CMCTL_SESSIONS of them (read at each opening, so a reload
 * that changes it applies to the next one). What counts: a screen login until logout or expiry, a remote JMX
 * connection until it closes, a command-line (HTTP Basic) request while it runs. Calls made by code inside the
 * server's JVM are not sessions.
 */
public final class AdminSessions {

    private static final System.Logger LOG = System.getLogger("dev.tnsrelay.admin");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IntSupplier limit;
    private final Clock clock;
    private final Map<String, AdminSession> open = new LinkedHashMap<>();

    AdminSessions(IntSupplier limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /** @throws AdminException {@link AdminError#TOO_MANY_SESSIONS} when the limit is reached */
    synchronized AdminSession open(Caller caller, String door) {
        int max = limit.getAsInt();
        if (open.size() >= max) {
            LOG.log(System.Logger.Level.WARNING, "administration session of {0} ({1}) refused: {2} are open,"
                    + " MAX_CMCTL_SESSIONS={3}", LogText.of(caller.name(), LogText.NAME), LogText.of(door), open.size(), max);
            throw AdminError.TOO_MANY_SESSIONS.exception("MAX_CMCTL_SESSIONS=" + max + "; end one (log out of the"
                    + " screens, close a JMX console) and try again");
        }
        byte[] id = new byte[18];
        RANDOM.nextBytes(id);
        AdminSession s = new AdminSession(Base64.getUrlEncoder().encodeToString(id), caller, door, clock.instant(),
                this);
        open.put(s.id(), s);
        return s;
    }

    synchronized void close(String id) {
        open.remove(id);
    }

    synchronized Optional<AdminSession> find(String id) {
        return Optional.ofNullable(id == null ? null : open.get(id));
    }

    /** The sessions open now, oldest first. */
    public synchronized List<AdminSession> list() {
        return List.copyOf(open.values());
    }
}
