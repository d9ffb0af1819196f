package dev.tnsrelay.admin;

import dev.tnsrelay.gateway.EventLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Every administrator's change, whoever made it and through whichever door (screens, REST, command line, JMX):
 * one line per action in {@code audit.log} — time, who, what, how it ended — and an {@code admin} event.
 */
public final class AuditLog {

    public static final String FILE = "audit.log";
    private static final System.Logger LOG = System.getLogger("dev.tnsrelay.audit");

    private final Optional<Path> file;
    private final EventLog events;
    private final Clock clock;

    /** @param file where to append; empty keeps the trail in the events and the server log only */
    public AuditLog(Optional<Path> file, EventLog events, Clock clock) {
        this.file = file;
        this.events = events;
        this.clock = clock;
    }

    public synchronized void record(String who, String what, String outcome) {
        String line = DateTimeFormatter.ISO_INSTANT.format(clock.instant()) + " user=" + who + " action=\""
                + what.replace('"', '\'').replace('\n', ' ') + "\" outcome=\"" + outcome.replace('"', '\'').replace('\n', ' ')
                + "\"";
        LOG.log(System.Logger.Level.INFO, line);
        events.add("admin", who + ": " + what + " -> " + outcome);
        if (file.isPresent()) {
            try {
                Files.createDirectories(file.get().toAbsolutePath().getParent());
                Files.writeString(file.get(), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the audit log " + file.get() + ": " + e.getMessage(), e);
            }
        }
    }
}
