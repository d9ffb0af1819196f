package dev.tnsrelay.logfile;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * One log file rotated by size and count: {@code name.log} is written; before a line would take it past the
 * limit it becomes {@code name.log.1}, the older ones move up one, and the oldest beyond the count is deleted.
 * A single line longer than the limit still goes whole into a fresh file.
 *
 * <p>Written by hand because java.util.logging's FileHandler, the one rotating writer in the JDK, cannot create
 * its files owner-only (the umask decides, at every rotation), always numbers the current file and keeps a
 * {@code .lck} file beside it. Here files are created 0600 and a folder that had to be created 0700; a
 * symbolic link where the log should be is refused, not followed. Not thread-safe: its owner serialises.
 */
final class RotatingFile implements Closeable {

    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<OpenOption> APPEND = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);

    private final Path directory;
    private final String name;
    private final long limit;
    private final int count;
    private final boolean posix;
    private FileChannel channel;
    private long size;

    private RotatingFile(Path directory, String name, long limit, int count) {
        this.directory = directory;
        this.name = name;
        this.limit = limit;
        this.count = count;
        this.posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Opens (or creates) {@code directory/name.log} for appending. */
    static RotatingFile open(Path directory, String name, long limit, int count) throws IOException {
        RotatingFile f = new RotatingFile(directory, name, limit, count);
        if (!Files.isDirectory(directory)) {
            if (f.posix) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
            } else {
                Files.createDirectories(directory);
            }
        }
        f.openCurrent();
        return f;
    }

    Path current() {
        return directory.resolve(name + ".log");
    }

    /** The {@code i}th older file, 1 the most recent. */
    Path older(int i) {
        return directory.resolve(name + ".log." + i);
    }

    void write(byte[] line) throws IOException {
        if (size > 0 && size + line.length > limit) {
            rotate();
        }
        ByteBuffer b = ByteBuffer.wrap(line);
        while (b.hasRemaining()) {
            channel.write(b);
        }
        size += line.length;
    }

    private void rotate() throws IOException {
        channel.close();
        if (count == 1) {
            Files.delete(current());
        } else {
            Files.deleteIfExists(older(count - 1));
            for (int i = count - 2; i >= 1; i--) {
                if (Files.exists(older(i), LinkOption.NOFOLLOW_LINKS)) {
                    Files.move(older(i), older(i + 1));
                }
            }
            Files.move(current(), older(1));
        }
        openCurrent();
    }

    private void openCurrent() throws IOException {
        Path path = current();
        if (posix) {
            FileAttribute<Set<PosixFilePermission>> owner = PosixFilePermissions.asFileAttribute(OWNER_FILE);
            channel = FileChannel.open(path, APPEND, owner);
            Files.setPosixFilePermissions(path, OWNER_FILE); // a file from before is made owner-only too
        } else {
            channel = FileChannel.open(path, APPEND);
        }
        size = channel.size();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
