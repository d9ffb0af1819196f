package dev.tnsrelay.logfile;

import dev.tnsrelay.config.CmanParameter;
import dev.tnsrelay.config.CmanParameters;
import dev.tnsrelay.config.EventGroup;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What the log writes and where, from an instance's parameters. Immutable.
 *
 * @param directory LOG_DIRECTORY; empty: no log file
 * @param fileBytes LOG_FILELEN in bytes: a file is rotated before it would grow past it
 * @param fileCount LOG_FILENO: files kept, the current one included
 */
record LogSettings(Optional<Path> directory, LogLevel level, Set<EventGroup> groups, long fileBytes, int fileCount) {

    LogSettings {
        groups = Set.copyOf(groups);
    }

    static LogSettings of(CmanParameters p) {
        String directory = p.text(CmanParameter.LOG_DIRECTORY);
        Set<EventGroup> groups = EnumSet.noneOf(EventGroup.class);
        p.list(CmanParameter.EVENT_GROUP).forEach(g -> groups.add(EventGroup.of(g)));
        return new LogSettings(directory.isEmpty() ? Optional.empty() : Optional.of(Path.of(directory)),
                LogLevel.of(p.text(CmanParameter.LOG_LEVEL)), groups,
                p.number(CmanParameter.LOG_FILELEN) * 1024L, p.number(CmanParameter.LOG_FILENO));
    }

    /** Whether a line of {@code level} in {@code group} is written. */
    boolean writes(LogLevel lineLevel, EventGroup group) {
        return directory.isPresent() && level != LogLevel.OFF && lineLevel.compareTo(level) <= 0
                && groups.contains(group);
    }

    /** Whether {@code other} writes to the same file in the same rotation. */
    boolean sameFile(LogSettings other) {
        return directory.equals(other.directory) && fileBytes == other.fileBytes && fileCount == other.fileCount;
    }
}
