package dev.tnsrelay.admin.users;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The administrators of the screens, the REST API, the command line and remote JMX, kept in one file
 * ({@code users}, owner-only) as {@code name:role:pbkdf2-sha256:iterations:salt:hash}; no password is kept in
 * clear. The file is read again when it changes, so an entry added with {@code bin/tnsrelay-passwd} takes
 * effect without a restart.
 *
 * <p>PBKDF2 is slow on purpose (210,000 iterations: tens of milliseconds a check); a good check is remembered for
 * {@link #REMEMBER_MILLIS} under a keyed digest of name and password, so that a command line sending Basic
 * credentials with every request does not pay it each time. Time comes from the clock given.
 */
public final class Users {

    public static final String FILE = "users";
    public static final String INITIAL_PASSWORD_FILE = "initial-admin-password";
    /** The longest user name {@link #put} accepts. */
    public static final int MAX_NAME = 64;
    /** The longest password checked: PBKDF2 of a megabyte is a denial of service, not a password. */
    public static final int MAX_PASSWORD = 1024;
    static final int ITERATIONS = 210_000;
    static final long REMEMBER_MILLIS = 5 * 60_000;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final Path file;
    private final Clock clock;
    private final byte[] cacheKey = new byte[32];
    private final Map<String, Long> remembered = new ConcurrentHashMap<>();
    private volatile Map<String, Entry> entries = Map.of();
    private volatile long readAt = -1;

    private record Entry(Role role, int iterations, byte[] salt, byte[] hash) {
    }

    private Users(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        RANDOM.nextBytes(cacheKey);
    }

    /** The users of {@code folder}; none yet means first start: {@link #createAdminIfNone} makes one. */
    public static Users in(Path folder, Clock clock) {
        return new Users(folder.resolve(FILE), clock);
    }

    public Path file() {
        return file;
    }

    /**
     * First start: when the file has no user, makes {@code admin} with a random password, writes that password
     * to {@code initial-admin-password} beside it (owner-only) and returns where; empty when users exist.
     * The file goes away when the admin password is changed with {@link #put}.
     */
    public synchronized Optional<Path> createAdminIfNone() {
        if (!current().isEmpty()) {
            return Optional.empty();
        }
        char[] password = new char[20];
        for (int i = 0; i < password.length; i++) {
            password[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        put("admin", Role.ADMIN, password);
        Path note = file.resolveSibling(INITIAL_PASSWORD_FILE);
        writeOwnerOnly(note, new String(password) + "\n");
        return Optional.of(note);
    }

    /** Adds a user or changes one's role and password. */
    public synchronized void put(String name, Role role, char[] password) {
        if (!name.matches("[A-Za-z0-9._@-]{1," + MAX_NAME + "}")) {
            throw new IllegalArgumentException("a user name is 1 to 64 letters, digits, '.', '_', '@' or '-'");
        }
        if (password.length < 12 || password.length > MAX_PASSWORD) {
            throw new IllegalArgumentException("a password has 12 to " + MAX_PASSWORD + " characters");
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        store(name, new Entry(role, ITERATIONS, salt, pbkdf2(password, salt, ITERATIONS)));
    }

    /**
     * Every user as its line of the file ({@code name:role:pbkdf2-sha256:iterations:salt:hash}), by name: what a
     * cluster shares, hashed as it is kept.
     */
    public Map<String, String> lines() {
        Map<String, String> out = new LinkedHashMap<>();
        current().forEach((n, e) -> out.put(n, line(n, e)));
        return out;
    }

    /**
     * Takes a user as another server keeps it (a line of {@link #lines()}), replacing one of the same name: a
     * cluster's administrators. The line is checked as the file's are.
     */
    public synchronized void adopt(String line) {
        Map<String, Entry> one = parse(java.util.List.of(line));
        if (one.size() != 1) {
            throw new IllegalStateException(file + ": expected one name:role:pbkdf2-sha256:iterations:salt:hash");
        }
        Map.Entry<String, Entry> e = one.entrySet().iterator().next();
        if (!line.strip().equals(lines().get(e.getKey()))) {
            store(e.getKey(), e.getValue());
        }
    }

    private void store(String name, Entry entry) {
        Map<String, Entry> next = new LinkedHashMap<>(current());
        next.put(name, entry);
        StringBuilder out = new StringBuilder("# tnsrelay administrators: name:role:pbkdf2-sha256:iterations:salt:hash\n");
        next.forEach((n, e) -> out.append(line(n, e)).append('\n'));
        writeOwnerOnly(file, out.toString());
        // what was written is what is known now: a write in the same millisecond as the last read, of the same
        // size, would otherwise leave the old entries cached (the file's time and size are the cache's key)
        entries = java.util.Collections.unmodifiableMap(next);
        try {
            readAt = stamp();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        remembered.clear();
        if (name.equals("admin")) {
            try {
                Files.deleteIfExists(file.resolveSibling(INITIAL_PASSWORD_FILE));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The role of a user whose password is right; empty otherwise (unknown user and wrong password alike). */
    public Optional<Role> check(String name, char[] password) {
        if (name.length() > MAX_NAME || password.length > MAX_PASSWORD) {
            return Optional.empty();
        }
        Entry e = current().get(name);
        if (e == null) {
            pbkdf2(password, new byte[16], ITERATIONS); // the same time for an unknown name
            return Optional.empty();
        }
        String key = rememberKey(name, password, e);
        Long until = remembered.get(key);
        if (until != null && until > clock.millis()) {
            return Optional.of(e.role());
        }
        if (!MessageDigest.isEqual(e.hash(), pbkdf2(password, e.salt(), e.iterations()))) {
            return Optional.empty();
        }
        remembered.put(key, clock.millis() + REMEMBER_MILLIS);
        return Optional.of(e.role());
    }

    /**
     * Changes whenever the file does (its time and size, as read for each check): a door's state that depends on
     * the administrators, such as waits after failed logins, starts again when someone sets a password.
     */
    public long version() {
        current();
        return readAt;
    }

    private static String line(String name, Entry e) {
        Base64.Encoder b64 = Base64.getEncoder();
        return name + ":" + e.role().name().toLowerCase(Locale.ROOT) + ":pbkdf2-sha256:" + e.iterations() + ":"
                + b64.encodeToString(e.salt()) + ":" + b64.encodeToString(e.hash());
    }

    private Map<String, Entry> current() {
        try {
            long modified = stamp();
            if (modified != readAt) {
                entries = modified == 0 ? Map.of() : parse(Files.readAllLines(file, StandardCharsets.UTF_8));
                readAt = modified;
                remembered.clear();
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The file's time and size, the cache's key: 0 when there is no file. */
    private long stamp() throws IOException {
        return Files.exists(file) ? Files.getLastModifiedTime(file).toMillis() + Files.size(file) : 0;
    }

    private Map<String, Entry> parse(java.util.List<String> lines) {
        Map<String, Entry> out = new LinkedHashMap<>();
        Base64.Decoder b64 = Base64.getDecoder();
        int n = 0;
        for (String line : lines) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.strip().split(":");
            if (f.length != 6 || !f[2].equals("pbkdf2-sha256")) {
                throw new IllegalStateException(file + ":" + n + ": expected name:role:pbkdf2-sha256:iterations:salt:hash");
            }
            try {
                out.put(f[0], new Entry(Role.valueOf(f[1].toUpperCase(Locale.ROOT)), Integer.parseInt(f[3]),
                        b64.decode(f[4]), b64.decode(f[5])));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(file + ":" + n + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private String rememberKey(String name, char[] password, Entry e) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
            mac.update(name.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(new String(password).getBytes(StandardCharsets.UTF_8));
            mac.update(e.salt());
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException x) {
            throw new IllegalStateException(x);
        }
    }

    static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password, salt, iterations, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeOwnerOnly(Path target, String text) {
        try {
            Path folder = target.toAbsolutePath().getParent();
            if (!Files.isDirectory(folder)) { // the state folder, made by bin/tnsrelay-passwd before any start
                if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(folder);
                }
            }
            Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), ".users", ".tmp");
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the folder's own protection applies
            }
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
