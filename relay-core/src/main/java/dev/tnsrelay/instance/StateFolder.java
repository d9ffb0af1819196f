package dev.tnsrelay.instance;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The state folder holds the administrators' password hashes, the audit log and the first admin password: it is
 * made owner-only (0700). One that exists already is left as its owner set it, with a warning when others may
 * read or enter it.
 */
final class StateFolder {

    private static final System.Logger LOG = System.getLogger("dev.tnsrelay.instance");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private StateFolder() {
    }

    static void prepare(Path folder) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(folder)) {
            if (posix) {
                Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(folder);
            }
            return;
        }
        if (posix) {
            Set<PosixFilePermission> now = Files.getPosixFilePermissions(folder);
            if (now.stream().anyMatch(OTHERS::contains)) {
                LOG.log(System.Logger.Level.WARNING, "tnsrelay: the state folder {0} is {1}: others may read the"
                        + " administrators'' password hashes and the audit log; chmod 700 it",
                        folder, PosixFilePermissions.toString(now));
            }
        }
    }
}
