package dev.tnsrelay.cli;

import dev.tnsrelay.config.CmanConfiguration;
import dev.tnsrelay.config.CmanInstance;
import dev.tnsrelay.config.CmanOra;
import dev.tnsrelay.instance.Settings;
import dev.tnsrelay.instance.TnsAdmin;
import dev.tnsrelay.net.NetParseException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@code tnsrelay --check [cman.ora]}, like {@code haproxy -c}: reads the configuration as the instance would
 * (every parameter and rule, the refusals of what tnsrelay does not offer) and says whether it would start, without
 * starting anything. Without a file: the TNS_ADMIN folder's cman.ora ({@code --tns-admin}, {@code $TNS_ADMIN},
 * {@code $ORACLE_HOME/network/admin}), else the state folder's, else the embedded default. Exit status 0 valid,
 * 1 not (the error with file:line:col on standard error), 2 usage.
 */
public final class CheckCommand {

    static final String USAGE = """
            usage: tnsrelay --check [--tns-admin DIR] [cman.ora]
              reads cman.ora as tnsrelay would and says whether it is valid; exit status 0 valid, 1 not
              (file:line:col: what is wrong), 2 usage""";

    private CheckCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String tnsAdmin = null;
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                out.println(USAGE);
                return 0;
            } else if (a.equals("--tns-admin") && i + 1 < args.length) {
                tnsAdmin = args[++i];
            } else if (a.startsWith("-") || file != null) {
                err.println("tnsrelay --check: unexpected " + a + "\n" + USAGE);
                return 2;
            } else {
                file = Path.of(a);
            }
        }
        TnsAdmin folder = TnsAdmin.discover(tnsAdmin, env);
        Optional<Path> chosen = Optional.ofNullable(file).or(() -> folder.cmanFile(Settings.stateFolder(null, env)));
        if (chosen.isPresent() && !Files.isReadable(chosen.get())) {
            err.println(chosen.get() + ": cannot read the file");
            return 1;
        }
        try {
            CmanConfiguration config = chosen.map(CmanOra::load).orElseGet(CmanOra::embeddedDefault);
            if (config.instances().isEmpty()) {
                err.println(config.source() + ": no instance (name = (CONFIGURATION = …))");
                return 1;
            }
            for (CmanInstance i : config.instances()) {
                out.println("instance " + i.name() + ": " + i.addresses().size() + " listening address(es), "
                        + i.rules().rules().size() + " rule(s), " + i.services().size() + " static service(s)");
            }
            out.println("Configuration file is valid: " + config.source());
            return 0;
        } catch (NetParseException e) {
            err.println(e.getMessage());
            return 1;
        } catch (UncheckedIOException e) {
            err.println(chosen.map(Path::toString).orElse("cman.ora") + ": " + e.getCause().getMessage());
            return 1;
        }
    }
}
