package dev.tnsrelay.admin;

import dev.tnsrelay.gateway.EventLog;
import dev.tnsrelay.logging.LogText;
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
 * one line per action in {@code audit.log} — time, who, what, how it ended — and an {@code admin} event. Every
 * field goes through {@link LogText}: a name or action cannot add a line or close its quotes.
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
        String user = LogText.of(who, LogText.NAME);
        String action = LogText.of(what);
        String result = LogText.of(outcome);
        String line = DateTimeFormatter.ISO_INSTANT.format(clock.instant()) + " user=" + user + " action=\"" + action
                + "\" outcome=\"" + result + "\"";
        LOG.log(System.Logger.Level.INFO, line);
        events.add("admin", user + ": " + action + " -> " + result);
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
