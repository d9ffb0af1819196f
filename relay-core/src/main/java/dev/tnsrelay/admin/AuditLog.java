package dev.tnsrelay.admin;

import dev.tnsrelay.gateway.Event;
import dev.tnsrelay.gateway.EventLog;
import dev.tnsrelay.logging.LogText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Every administrator's change and every login, whoever made it and through whichever door (screens, REST,
 * command line, JMX): one line each in {@code audit.log} — time, who, what, how it ended — and an event. Every
 * field goes through {@link LogText}: a name or action cannot add a line or close its quotes. The file is created
 * owner-only (0600), in an owner-only folder when it makes one.
 *
 * <p>Changes are {@code admin} events and logins {@code login} events. The instance's event log holds the newest
 * thousand events of every kind, so a flood of refused connections or failed logins pushes older ones out; the
 * newest {@value #ACTIONS_KEPT} administrators' actions are also kept here, apart, so that {@code show events} still
 * shows them ({@link Administration#events}).
 */
public final class AuditLog {

    public static final String FILE = "audit.log";
    /** Administrators' actions kept apart from the other events. */
    public static final int ACTIONS_KEPT = 200;
    private static final System.Logger LOG = System.getLogger("dev.tnsrelay.audit");

    private final Optional<Path> file;
    private final EventLog events;
    private final Clock clock;
    private final Deque<Event> actions = new ArrayDeque<>();

    /** @param file where to append; empty keeps the trail in the events and the server log only */
    public AuditLog(Optional<Path> file, EventLog events, Clock clock) {
        this.file = file;
        this.events = events;
        this.clock = clock;
    }

    /** An administrator's change (or a refused one): an {@code admin} event, kept apart. */
    public synchronized void record(String who, String what, String outcome) {
        Event e = write("admin", who, what, outcome);
        if (actions.size() == ACTIONS_KEPT) {
            actions.removeFirst();
        }
        actions.addLast(e);
    }

    /** A login, good or not, on any door: a {@code login} event. */
    public synchronized void login(String who, String what, String outcome) {
        write("login", who, what, outcome);
    }

    /** The administrators' actions kept, after {@code sequence}, oldest first. */
    synchronized List<Event> actions(long after) {
        List<Event> out = new ArrayList<>();
        for (Event e : actions) {
            if (e.sequence() > after) {
                out.add(e);
            }
        }
        return out;
    }

    private Event write(String kind, String who, String what, String outcome) {
        String user = LogText.of(who, LogText.NAME);
        String action = LogText.of(what);
        String result = LogText.of(outcome);
        String line = DateTimeFormatter.ISO_INSTANT.format(clock.instant()) + " user=" + user + " action=\"" + action
                + "\" outcome=\"" + result + "\"";
        LOG.log(System.Logger.Level.INFO, line);
        // the event log escapes its texts itself: the fields go to it cut, not escaped twice
        Event e = events.add(kind, LogText.cut(who, LogText.NAME) + ": " + LogText.cut(what, LogText.TEXT) + " -> "
                + LogText.cut(outcome, LogText.TEXT));
        if (file.isPresent()) {
            append(file.get(), line + "\n");
        }
        return e;
    }

    private static void append(Path target, String line) {
        try {
            if (!Files.exists(target)) {
                create(target);
            }
            Files.writeString(target, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit log " + target + ": " + e.getMessage(), e);
        }
    }

    /** The file, owner-only from its first byte; its folder too when it has to be made. */
    private static void create(Path target) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path folder = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder, posix ? new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                : new FileAttribute<?>[0]);
        }
        try {
            Files.createFile(target, posix ? new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0]);
        } catch (FileAlreadyExistsException raced) {
            // another writer made it a moment ago
        }
    }
}
