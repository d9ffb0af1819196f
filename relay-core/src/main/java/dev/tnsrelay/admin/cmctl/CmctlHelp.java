package dev.tnsrelay.admin.cmctl;

import dev.tnsrelay.admin.AdminError;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code help} and {@code help <command>}: Oracle's command list in the layout its control utilities print it
 * (four columns, an asterisk for a command with modifiers), and each command's syntax as tnsrelay takes it.
 */
public final class CmctlHelp {

    /**
     * Oracle's cmctl commands, and tnsrelay's {@code drain} and {@code unblock}; {@code save_passwd} answers why
     * tnsrelay has none (bin/tnsrelay-passwd).
     */
    static final List<String> COMMANDS = List.of("administer", "close*", "drain*", "exit", "help", "quit", "reload",
            "resume*", "save_passwd", "set*", "show*", "shutdown", "startup", "suspend*", "unblock");

    private static final Map<String, String> SYNTAX = Map.ofEntries(
            Map.entry("administer", "administer [-c] [instance]: the instance the next commands are for; a name that"
                    + " is not this server's instance answers TNS-04005"),
            Map.entry("close", "close connections [in <state>] [gt <[[hh:]mm:]ss>] [from <source>] [to <destination>]"
                    + " [for <service>] [using <gateway id>] [for program|user|host <name>] [node <host:port> | node *]"
                    + " | [<id> ...]"),
            Map.entry("drain", "drain node <host:port>: shutdown normal on that node of the cluster (tnsrelay's own)"),
            Map.entry("exit", "exit: leave cmctl"),
            Map.entry("quit", "quit: leave cmctl"),
            Map.entry("help", "help [command]"),
            Map.entry("reload", "reload: read cman.ora again (rules, parameters, services); earlier SETs are undone"),
            Map.entry("resume", "resume gateway[s] [<id> ...] | resume node <host:port>"),
            Map.entry("save_passwd", "save_passwd: not offered; tnsrelay's administrators are added with"
                    + " bin/tnsrelay-passwd"),
            Map.entry("set", "set <parameter> <value> | set event <group> on|off"),
            Map.entry("show", "show all | blocked | connections | defaults | events | gateways | parameters | rules"
                    + " | services | status | version | cluster [events | audit]\n"
                    + "show blocked: the client addresses the IP rate limit (IP_RATE_*) blocks now, on this node"
                    + " (tnsrelay)\n"
                    + "show connections [detail | count] {[in <state>] [gt <[[hh:]mm:]ss>] [from <source>]"
                    + " [to <destination>] [for <service>] [using <gw_id>] [for program|user|host <name>]"
                    + " [node <host:port> | node *]}"
                    + " | [<id_list>]\n"
                    + "show rules for <source> <destination> <service>: which rule meets such a connect"),
            Map.entry("shutdown", "shutdown [normal | abort]"),
            Map.entry("startup", "startup: read cman.ora and start the gateways | startup node <host:port>"),
            Map.entry("suspend", "suspend gateway[s] [<id> ...] | suspend node <host:port>"),
            Map.entry("unblock", "unblock <ip address>: lift the IP rate limit's block of a client address on every"
                    + " endpoint of this node (tnsrelay; show blocked lists them)"));

    private CmctlHelp() {
    }

    /** {@code help}, or {@code help show}: the list, or one command's. */
    public static String text(String topic) {
        String t = topic == null ? "" : topic.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            return table("The following operations are available", COMMANDS);
        }
        String[] words = t.split("\\s+");
        String command = words[0];
        if (!SYNTAX.containsKey(command)) {
            throw AdminError.INVALID.exception(command + " is not a command; help lists them");
        }
        if (command.equals("show") && words.length == 1) {
            return table("The following operations are available after show", CmctlCommand.SHOWABLE)
                    .replace(CmctlLayouts.DONE, "") + SYNTAX.get("show") + "\n" + CmctlLayouts.DONE;
        }
        return SYNTAX.get(command) + "\n" + CmctlLayouts.DONE;
    }

    private static String table(String title, List<String> names) {
        StringBuilder out = new StringBuilder(title).append("\nAn asterisk (*) denotes a modifier or extended"
                + " command:\n\n");
        for (int i = 0; i < names.size(); i++) {
            out.append(String.format(Locale.ROOT, "%-20s", names.get(i)));
            if (i % 4 == 3 || i == names.size() - 1) {
                out.setLength(out.toString().stripTrailing().length());
                out.append('\n');
            }
        }
        return out.append('\n').append(CmctlLayouts.DONE).toString();
    }
}
