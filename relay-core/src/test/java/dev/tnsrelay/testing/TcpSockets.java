package dev.tnsrelay.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine's TCP sockets as Linux lists them in /proc/net/tcp and tcp6: a test asks how many are still open
 * on a port, which no other test's sockets in the same JVM can disturb (unlike a count of open files).
 */
public final class TcpSockets {

    /** Kernel states: 01 ESTABLISHED … 06 TIME_WAIT, 07 CLOSE, 0A LISTEN (include/net/tcp_states.h). */
    private static final List<String> GONE = List.of("06", "07", "0A");

    private TcpSockets() {
    }

    /**
     * Sockets with {@code port} at either end that are neither listening nor closed (TIME_WAIT holds no file
     * descriptor): a socket leaked by a program stays ESTABLISHED or CLOSE_WAIT.
     */
    public static long openOn(int port) throws IOException {
        String hex = String.format("%04X", port);
        long n = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table)).subList(1, Files.readAllLines(Path.of(table)).size())) {
                String[] f = line.strip().split("\\s+");
                boolean onPort = f[1].endsWith(":" + hex) || f[2].endsWith(":" + hex);
                if (onPort && !GONE.contains(f[3])) {
                    n++;
                }
            }
        }
        return n;
    }
}
