package dev.tnsrelay.config;

import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.net.NvPair;
import dev.tnsrelay.net.NvParser;
import dev.tnsrelay.net.NvPrinter;
import dev.tnsrelay.net.TextPosition;
import dev.tnsrelay.rules.Rule;
import dev.tnsrelay.rules.RuleList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;
import java.util.Optional;

/**
 * The cman.ora an instance runs from, as a file the administrator's rule changes are written back to, so that
 * RELOAD and a restart keep them. Only the instance's RULE_LIST is rewritten; comments and everything else in
 * the file stay as they are. The previous file is kept as {@code cman.ora.bak}. Both keep the file's permissions
 * (and its group where this account may set it).
 *
 * <p>An instance started from the embedded default has no file of its own: its first change writes the
 * default, with the new rules, to {@code writeTo} (the adapter's state folder), which the adapter reads at
 * the next start when no TNS_ADMIN cman.ora is given.
 */
public final class CmanOraFile {

    private static final System.Logger LOG = System.getLogger("dev.tnsrelay.config");

    private final Path file;
    private final String instance;
    private final Optional<String> embeddedText;

    private CmanOraFile(Path file, String instance, Optional<String> embeddedText) {
        this.file = file;
        this.instance = instance;
        this.embeddedText = embeddedText;
    }

    /** The instance {@code instance} of the cman.ora at {@code file}. */
    public static CmanOraFile of(Path file, String instance) {
        return new CmanOraFile(file, instance, Optional.empty());
    }

    /** The embedded default, to be written to {@code writeTo} at its first change. */
    public static CmanOraFile embedded(Path writeTo, String instance) {
        return new CmanOraFile(writeTo, instance, Optional.of(CmanOra.embeddedDefaultText()));
    }

    /** Where rule changes are kept. */
    public Path path() {
        return file;
    }

    /** RELOAD: the instance as the file says now. */
    public synchronized CmanInstance reread() {
        return instanceIn(CmanOra.parse(text(), onDisk() ? file.toString() : "embedded default cman.ora"), instance);
    }

    /**
     * Writes {@code rules} as the instance's RULE_LIST. The new file is read back before it replaces the old
     * one: what is written is exactly what RELOAD and the next start will read.
     *
     * @return the rules as read back, positioned in the file (refusals name the rule by file, line and column)
     */
    public synchronized RuleList saveRules(RuleList rules) {
        String updated = withRules(text(), instance, rules);
        RuleList readBack = readBack(updated, rules);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".cman", ".ora"); // owner-only
            if (Files.exists(file)) {
                Files.copy(file, file.resolveSibling(file.getFileName() + ".bak"), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.COPY_ATTRIBUTES);
                keepModeAndGroup(file, temp);
            }
            Files.writeString(temp, updated, StandardCharsets.ISO_8859_1);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return readBack;
    }

    /**
     * The new file gets the old one's permissions and, where this account may give it, its group: a cman.ora the
     * administrator made group-readable for the DBAs stays so, one kept private stays private.
     */
    private static void keepModeAndGroup(Path old, Path fresh) throws IOException {
        PosixFileAttributeView from = Files.getFileAttributeView(old, PosixFileAttributeView.class);
        PosixFileAttributeView to = Files.getFileAttributeView(fresh, PosixFileAttributeView.class);
        if (from == null || to == null) {
            return; // not a POSIX file system: the folder's own protection applies
        }
        PosixFileAttributes was = from.readAttributes();
        try {
            to.setGroup(was.group());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "{0}: rewritten with this account''s group, not {1}: {2}", old,
                    was.group().getName(), e.getMessage());
        }
        to.setPermissions(was.permissions());
    }

    /**
     * Checks that {@code rules} can be written: the file as {@link #saveRules} would write it reads back as these
     * rules. Nothing is written (a cluster checks a change before it offers it to the other servers).
     */
    public synchronized void checkRules(RuleList rules) {
        readBack(withRules(text(), instance, rules), rules);
    }

    private RuleList readBack(String updated, RuleList rules) {
        RuleList readBack = instanceIn(CmanOra.parse(updated, file.toString()), instance).rules();
        List<String> written = readBack.rules().stream().map(Rule::text).toList();
        List<String> wanted = rules.rules().stream().map(Rule::text).toList();
        if (!written.equals(wanted)) {
            throw new IllegalStateException("the rewritten " + file + " would read back as " + written);
        }
        return readBack;
    }

    /** {@code text} with the RULE_LIST of {@code instanceName} replaced by {@code rules}, laid out as Oracle's tools do. */
    static String withRules(String text, String instanceName, RuleList rules) {
        CmanInstance target = instanceIn(CmanOra.parse(text, "cman.ora"), instanceName);
        // a valid instance is NAME = (CONFIGURATION=…(RULE_LIST=…)…); the parse above made sure of it
        NvPair ruleList = NvParser.parseFile(text, "cman.ora").entries().stream()
                .filter(e -> e.names().get(0).equalsIgnoreCase(target.name())).findFirst().orElseThrow()
                .asPair().children().get(0).child("RULE_LIST").orElseThrow();
        int start = offset(text, ruleList.position());
        int end = closing(text, start);
        String indent = " ".repeat(ruleList.position().column() - 1);
        String replacement;
        if (rules.rules().isEmpty()) {
            replacement = "(RULE_LIST =)";
        } else {
            NvPair list = NvPair.of("RULE_LIST",
                    rules.rules().stream().map(r -> NvParser.parse(r.text(), "rule")).toList());
            replacement = NvPrinter.pretty(list).stripTrailing().replace("\n", "\n" + indent);
        }
        return text.substring(0, start) + replacement + text.substring(end + 1);
    }

    private static int offset(String text, TextPosition p) {
        int at = 0;
        for (int line = 1; line < p.line(); line++) {
            at = text.indexOf('\n', at) + 1;
        }
        return at + p.column() - 1;
    }

    /** The ')' that closes the '(' at {@code open}, past quotes and comments. */
    private static int closing(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '#') {
                int eol = text.indexOf('\n', i);
                i = eol < 0 ? text.length() : eol;
            } else if (c == '"' || c == '\'') {
                int close = text.indexOf(c, i + 1);
                i = close < 0 ? text.length() : close;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new NetParseException(new TextPosition("cman.ora", 1, 1), "RULE_LIST is not closed");
    }

    /** False only for the embedded default before its first change. */
    private boolean onDisk() {
        return embeddedText.isEmpty() || Files.exists(file);
    }

    private String text() {
        if (!onDisk()) {
            return embeddedText.get();
        }
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static CmanInstance instanceIn(CmanConfiguration config, String name) {
        return config.instance(name).orElseThrow(() -> new NetParseException(new TextPosition(config.source(), 1, 1),
                "no instance " + name + " in " + config.source()));
    }
}
