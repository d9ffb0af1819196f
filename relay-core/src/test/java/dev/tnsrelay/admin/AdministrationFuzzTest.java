package dev.tnsrelay.admin;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tnsrelay.admin.cmctl.Cmctl;
import dev.tnsrelay.admin.cmctl.CmctlCommand;
import dev.tnsrelay.admin.cmctl.SessionFilter;
import dev.tnsrelay.fuzz.Contract;
import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.testing.TestInstance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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
 * Each call ends in a value or in an administrator's error ({@link Problem#of} says MISTAKE: an AdminException of
 * that kind, a NetParseException with a position, an IllegalArgumentException with a message — the WAR's 400).
 * Anything else — the WAR's 500, 503 or 409 — is a finding. After each input cman.ora is written back, read again
 * (RELOAD) and every gateway resumed.
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

    private static final Caller FUZZ = TestInstance.ALICE;

    @TempDir
    static Path folder;
    private static TestInstance instance;
    private static Administration admin;
    private static Level level;

    @BeforeAll
    static void start() throws Exception {
        level = QUIET.getLevel();
        QUIET.setLevel(Level.WARNING);
        instance = TestInstance.start(folder, CMAN);
        admin = instance.admin();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        instance.close();
        QUIET.setLevel(level); // the tests after this one in the JVM count log lines at INFO
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
            Files.writeString(instance.cmanOra(), CMAN);
            admin.reload(FUZZ);
            admin.resume(FUZZ, admin.gateways(FUZZ).stream().map(GatewayStatus::id).toList());
        }
    }

    private static void call(char what, String args) {
        try {
            switch (what) {
                case 'a' -> admin.addRule(FUZZ, args);
                case 'i' -> admin.insertRule(FUZZ, number(word(args, 0)), rest(args));
                case 'r' -> admin.replaceRules(FUZZ, Arrays.asList(args.split("\t", -1)));
                case 'd' -> admin.removeRule(FUZZ, number(args));
                case 'm' -> admin.moveRule(FUZZ, number(word(args, 0)), number(rest(args)));
                case 'f' -> admin.connections(FUZZ, SessionFilter.parse(args));
                case 'c' -> admin.close(FUZZ, SessionFilter.parse(args));
                case 's' -> admin.set(FUZZ, word(args, 0), rest(args));
                case 'x' -> {
                    CmctlCommand.Verb verb = CmctlCommand.parse(args).verb();
                    if (verb != CmctlCommand.Verb.SHUTDOWN && verb != CmctlCommand.Verb.STARTUP) {
                        new Cmctl(admin).run(FUZZ, args);
                    }
                }
                case 'g' -> admin.suspend(FUZZ, List.of(number(args)));
                case 'u' -> admin.resume(FUZZ, List.of(number(args)));
                default -> admin.rules(FUZZ);
            }
        } catch (RuntimeException e) {
            Problem p = Problem.of(e);
            if (p.kind() != AdminError.Kind.MISTAKE) {
                throw new AssertionError("not an administrator's mistake (the WAR's " + (p.kind() == null ? "500"
                        : p.kind()) + "): " + e, e);
            }
            if (e instanceof NetParseException n) {
                Contract.positioned(n);
            } else {
                Contract.explained(e);
            }
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
