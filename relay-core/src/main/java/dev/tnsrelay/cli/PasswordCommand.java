package dev.tnsrelay.cli;

import dev.tnsrelay.admin.users.Role;
import dev.tnsrelay.admin.users.Users;
import dev.tnsrelay.instance.Settings;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code tnsrelay-passwd [--state DIR] <user> <admin|monitor>}: adds an administrator or changes one, hashed in
 * {@code DIR/users}. The password is asked twice on a terminal, else read from the first line of standard input.
 */
public final class PasswordCommand {

    private PasswordCommand() {
    }

    static final String USAGE = """
            usage: tnsrelay-passwd [--state DIR] <user> <admin|monitor>
              adds an administrator or changes one's password and role (PBKDF2-hashed in DIR/users; DIR is
              $TNSRELAY_HOME, else ~/.tnsrelay); the password is asked twice on a terminal, else read from the
              first line of standard input. A running tnsrelay sees the change at once.""";

    public static void main(String[] args) throws IOException {
        if (java.util.List.of(args).contains("--help") || java.util.List.of(args).contains("-h")) {
            System.out.println(USAGE);
            return;
        }
        String state = null;
        int i = 0;
        if (args.length > 1 && args[0].equals("--state")) {
            state = args[1];
            i = 2;
        }
        for (int j = i; j < args.length; j++) {
            if (args[j].startsWith("-")) {
                System.err.println("tnsrelay-passwd: unknown option " + args[j] + "\n" + USAGE);
                System.exit(2);
            }
        }
        if (args.length - i != 2 || !args[i + 1].matches("(?i)admin|monitor")) {
            System.err.println(USAGE);
            System.exit(2);
        }
        Path folder = Settings.stateFolder(state, System.getenv());
        char[] password = password(System.console());
        try {
            Users.in(folder, Clock.systemUTC()).put(args[i], Role.valueOf(args[i + 1].toUpperCase(Locale.ROOT)), password);
            System.out.println(args[i] + " (" + args[i + 1].toLowerCase(Locale.ROOT) + ") saved in " + folder.resolve(Users.FILE));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    private static char[] password(Console console) throws IOException {
        if (console == null) {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line == null ? new char[0] : line.toCharArray();
        }
        char[] first = console.readPassword("New password: ");
        char[] again = console.readPassword("Again: ");
        if (first == null || !Arrays.equals(first, again)) {
            System.err.println("the two passwords differ");
            System.exit(1);
        }
        return first;
    }
}
