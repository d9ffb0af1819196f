package dev.tnsrelay.cli;

import dev.tnsrelay.instance.TnsAdmin;
import dev.tnsrelay.naming.NameResolutionException;
import dev.tnsrelay.naming.NameResolver;
import dev.tnsrelay.naming.Resolution;
import dev.tnsrelay.naming.SqlnetOra;
import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.net.NvPrinter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@code resolve [--tns-admin DIR] <connect identifier>}: like tnsping without the ping. Prints the naming
 * method that answered and the descriptor. The configuration folder is {@code --tns-admin}, else
 * {@code $TNS_ADMIN}, else {@code $ORACLE_HOME/network/admin}; without any, only descriptors and Easy
 * Connect resolve. Exit status 0 when resolved, 1 when not, 2 for a usage error.
 */
public final class ResolveCommand {

    static final String USAGE = """
            usage: resolve [--tns-admin DIR] <connect identifier>
              which naming method resolves a net service name, Easy Connect string or descriptor, and to what
              (tnsping without the ping); exit status 0 resolved, 1 not, 2 usage
              --tns-admin DIR  the Oracle Net folder (default $TNS_ADMIN, then $ORACLE_HOME/network/admin)""";

    private ResolveCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String dir = null;
        String identifier = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                out.println(USAGE);
                return 0;
            } else if (args[i].equals("--tns-admin") && i + 1 < args.length) {
                dir = args[++i];
            } else if (args[i].startsWith("-") && !args[i].startsWith("(")) {
                err.println("resolve: unknown option " + args[i] + "\n" + USAGE);
                return 2;
            } else if (identifier == null) {
                identifier = args[i];
            } else {
                err.println("resolve: one connect identifier, not " + identifier + " and " + args[i] + "\n" + USAGE);
                return 2;
            }
        }
        if (identifier == null) {
            err.println("TNS-03502: Insufficient arguments. Usage: resolve [--tns-admin DIR] <connect identifier>");
            return 2;
        }
        Optional<Path> folder = TnsAdmin.discover(dir, env).folder();
        try {
            NameResolver resolver = folder.map(NameResolver::fromTnsAdmin)
                    .orElseGet(() -> new NameResolver(SqlnetOra.defaults(), Optional.empty(), Optional.empty()));
            out.println("Used parameter files: " + folder.map(Path::toString).orElse("(none)"));
            Resolution r = resolver.resolve(identifier);
            out.println(r.adapterLine() + " (" + r.source() + ")");
            out.print(NvPrinter.pretty(r.descriptor().nv()));
            return 0;
        } catch (NameResolutionException | NetParseException e) {
            err.println("TNS-03505: Failed to resolve name");
            err.println(e.getMessage());
            return 1;
        }
    }
}
