package dev.tnsrelay.naming;

import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.net.NvPrinter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code resolve [--tns-admin DIR] <connect identifier>}: like tnsping without the ping. Prints the naming
 * method that answered and the descriptor. The configuration folder is {@code --tns-admin}, else
 * {@code $TNS_ADMIN}, else {@code $ORACLE_HOME/network/admin}; without any, only descriptors and Easy
 * Connect resolve. Exit status 0 when resolved, 1 when not, 2 for a usage error.
 */
public final class ResolveCommand {

    private ResolveCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv("TNS_ADMIN"), System.getenv("ORACLE_HOME"), System.out, System.err));
    }

    static int run(String[] args, String tnsAdminEnv, String oracleHome, PrintStream out, PrintStream err) {
        String dir = null;
        String identifier = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--tns-admin") && i + 1 < args.length) {
                dir = args[++i];
            } else if (identifier == null && !args[i].startsWith("--")) {
                identifier = args[i];
            } else {
                identifier = null;
                break;
            }
        }
        if (identifier == null) {
            err.println("TNS-03502: Insufficient arguments. Usage: resolve [--tns-admin DIR] <connect identifier>");
            return 2;
        }
        Optional<Path> folder = Optional.ofNullable(dir).or(() -> Optional.ofNullable(tnsAdminEnv))
                .or(() -> Optional.ofNullable(oracleHome).map(h -> h + "/network/admin")).map(Path::of);
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
