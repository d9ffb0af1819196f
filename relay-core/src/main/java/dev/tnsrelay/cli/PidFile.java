package dev.tnsrelay.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The pid file of a server started from the command line: it names a process that came up (written once the
 * instance listens), is never taken over by a second start while that process lives, and is removed by the
 * process it names when it ends.
 */
final class PidFile {

    private final Path file;
    private final long pid = ProcessHandle.current().pid();

    PidFile(Path file) {
        this.file = file;
    }

    /** The live process the file names, if any; a file left by a process that died is removed. */
    Optional<Long> runningOther() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            long named = Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (named != pid && ProcessHandle.of(named).map(ProcessHandle::isAlive).orElse(false)) {
                return Optional.of(named);
            }
        } catch (NumberFormatException e) {
            // not a pid: nobody's
        }
        Files.deleteIfExists(file);
        return Optional.empty();
    }

    /** Names this process, replacing the file in one step. */
    void write() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path next = file.resolveSibling(file.getFileName() + ".new");
        Files.writeString(next, pid + "\n", StandardCharsets.US_ASCII);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes the file if it still names this process. */
    void remove() {
        try {
            if (Files.exists(file)
                    && Files.readString(file, StandardCharsets.US_ASCII).strip().equals(Long.toString(pid))) {
                Files.delete(file);
            }
        } catch (IOException e) {
            // gone already, or not ours to remove
        }
    }
}
