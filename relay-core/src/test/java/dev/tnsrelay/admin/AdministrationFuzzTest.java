package dev.tnsrelay.admin;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tnsrelay.config.CmanInstance;
import dev.tnsrelay.config.CmanOra;
import dev.tnsrelay.config.CmanOraFile;
import dev.tnsrelay.fuzz.Contract;
import dev.tnsrelay.gateway.GatewayInfo;
import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.testing.Gateways;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzz target for what the REST API hands the admin model: rule texts, filter words, parameter names and values,
 * cmctl lines, positions — through the calls the WAR makes, against a running instance whose rules live in a
 * cman.ora. One input line is one call; its first character says which:
 * <pre>
 * a rule             add          i n rule          insert at n      r rule TAB rule…   replace all
 * d n                remove n     m n n             move             f words            connections
 * c words            close        s name value      set parameter    x line             cmctl (not shutdown)
 * g n / u n          suspend / resume gateway n
 * </pre>
 * Each call ends in a value or in an administrator's error (CmctlException, or NetParseException with a
 * position, or IllegalArgumentException with a message: the WAR's 400). Anything else — the WAR's 500 or 503 — is
 * a finding. After each input the rules, the parameters and cman.ora are put back.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AdministrationFuzzTest {

    private static final String CMAN = """
            cman_fuzz =
              (CONFIGURATION =
                (ADDRESS = (PROTOCOL = tcp)(HOST = 127.0.0.1)(PORT = 0))
                (RULE_LIST =
                  (RULE = (SRC = 127.0.0.1)(DST = *)(SRV = *)(ACT = accept))
                  (RULE = (SRC = 10.0.0.0/8)(DST = db1)(SRV = sales)(ACT = reject)(ACTION_LIST = (MIT = 30)))
                )
                (PARAMETER_LIST = (MIN_GATEWAY_PROCESSES = 2)(MAX_GATEWAY_PROCESSES = 2))
              )
            """;

    /** Held so that the level set on it stays: the admin model logs every change at INFO. */
    private static final Logger QUIET = Logger.getLogger("dev.tnsrelay");

    @TempDir
    static Path folder;
    private static Path cman;
    private static CmanInstance baseline;
    private static Gateways gateways;
    private static Administration admin;

    @BeforeAll
    static void start() throws IOException {
        QUIET.setLevel(Level.WARNING);
        cman = folder.resolve("cman.ora");
        Files.writeString(cman, CMAN);
        baseline = CmanOra.load(cman).instances().get(0);
        gateways = Gateways.fromFile(cman);
        admin = new Administration(gateways.engine, CmanOraFile.of(cman, "cman_fuzz"),
                new AuditLog(Optional.empty(), gateways.engine.events(), Clock.systemUTC()), name -> {
                    throw new IllegalArgumentException("no naming here");
                });
    }

    @AfterAll
    static void stop() throws InterruptedException {
        gateways.close();
    }

    @FuzzTest
    @DictionaryFile(resourcePath = "/dev/tnsrelay/fuzz/ora.dict")
    void restBodies(byte[] input) throws IOException {
        try {
            for (String line : new String(input, StandardCharsets.UTF_8).split("\n", 16)) {
                if (!line.isEmpty()) {
                    call(line.charAt(0), line.substring(1));
                }
            }
        } finally {
            gateways.engine.reload(baseline);
            gateways.engine.gateways().stream().map(GatewayInfo::id).forEach(gateways.engine::resume);
            Files.writeString(cman, CMAN);
        }
    }

    private static void call(char what, String args) {
        try {
            switch (what) {
                case 'a' -> admin.addRule("fuzz", args);
                case 'i' -> admin.insertRule("fuzz", number(word(args, 0)), rest(args));
                case 'r' -> admin.replaceRules("fuzz", Arrays.asList(args.split("\t", -1)));
                case 'd' -> admin.removeRule("fuzz", number(args));
                case 'm' -> admin.moveRule("fuzz", number(word(args, 0)), number(rest(args)));
                case 'f' -> admin.connections(args);
                case 'c' -> admin.close("fuzz", args);
                case 's' -> admin.set("fuzz", word(args, 0), rest(args));
                case 'x' -> {
                    if (CmctlCommand.parse(args).verb() != CmctlCommand.Verb.SHUTDOWN) {
                        admin.cmctl("fuzz", args);
                    }
                }
                case 'g' -> admin.suspend("fuzz", number(args));
                case 'u' -> admin.resume("fuzz", number(args));
                default -> admin.rules();
            }
        } catch (NetParseException e) {
            Contract.positioned(e);
        } catch (CmctlException | IllegalArgumentException e) {
            Contract.explained(e);
        }
    }

    private static String word(String args, int index) {
        String[] words = args.strip().split("\\s+", index + 2);
        return words.length > index ? words[index] : "";
    }

    private static String rest(String args) {
        String[] words = args.strip().split("\\s+", 2);
        return words.length > 1 ? words[1] : "";
    }

    /** A JSON number as the WAR reads it ({@code intValue()}); a position that is not one is the WAR's 400. */
    private static int number(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
