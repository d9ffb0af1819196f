package dev.tnsrelay.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a wallet's password comes from — never from cman.ora: the file {@value #FILE} in the wallet's folder,
 * readable by its owner only (so a new wallet and its password are replaced together, and RELOAD picks both up),
 * else the environment variable {@value #VARIABLE}. tnsrelay's own names: Oracle's wallets keep theirs in the
 * auto-login cwallet.sso, which only Oracle's libraries read.
 */
public final class WalletPassword {

    /** The password file's name in the wallet folder; its first line is the password. */
    public static final String FILE = "wallet.password";
    /** The environment variable read when the folder has no password file. */
    public static final String VARIABLE = "TNSRELAY_WALLET_PASSWORD";

    private WalletPassword() {
    }

    /** The password for the wallet in {@code folder}, or empty when neither source has one. */
    static Optional<char[]> of(Path folder, Map<String, String> environment) throws WalletException {
        Path file = folder.resolve(FILE);
        if (Files.exists(file)) {
            requireOwnerOnly(file);
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                int end = text.indexOf('\n');
                String line = (end < 0 ? text : text.substring(0, end)).replace("\r", "");
                return Optional.of(line.toCharArray());
            } catch (IOException e) {
                throw new WalletException(file + " cannot be read: " + e.getMessage(), e);
            }
        }
        String env = environment.get(VARIABLE);
        return env == null || env.isEmpty() ? Optional.empty() : Optional.of(env.toCharArray());
    }

    /** How to give a password, for messages. */
    static String howTo(Path folder) {
        return "write it on the first line of " + folder.resolve(FILE) + " (readable by its owner only: chmod 600)"
                + " or set the environment variable " + VARIABLE;
    }

    private static void requireOwnerOnly(Path file) throws WalletException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return; // not a POSIX file system: its own ACLs apply
        }
        try {
            PosixFileAttributes a = view.readAttributes();
            Set<PosixFilePermission> p = a.permissions();
            if (p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ)
                    || p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new WalletException(file + " can be read or written by others than its owner ("
                        + java.nio.file.attribute.PosixFilePermissions.toString(p) + "): a wallet password must"
                        + " not be; chmod 600 " + file);
            }
        } catch (IOException e) {
            throw new WalletException(file + ": its permissions cannot be read: " + e.getMessage(), e);
        }
    }
}
