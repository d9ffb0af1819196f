package dev.tnsrelay.rules;

import dev.tnsrelay.net.NvValue;
import dev.tnsrelay.net.TextPosition;
import java.util.Locale;

/**
 * {@code (RULE=(SRC=…)(DST=…)(SRV=…)(ACT=…)(ACTION_LIST=…))}, and tnsrelay's own {@code (SRC_DN=…)}: the
 * client certificate's subject on a TCPS endpoint.
 *
 * @param service the service name the client asks for, or {@code *}; compared case-insensitively
 * @param position where the rule was read, for messages; {@code null} for a rule made in code
 * @param clientDn the client certificates the rule covers; {@link DnPattern#ANY} without SRC_DN
 */
public record Rule(HostPattern source, HostPattern destination, String service, RuleAction action,
        ActionList actions, TextPosition position, DnPattern clientDn) {

    public Rule {
        service = service.strip();
    }

    /** A rule without SRC_DN. */
    public Rule(HostPattern source, HostPattern destination, String service, RuleAction action, ActionList actions,
            TextPosition position) {
        this(source, destination, service, action, actions, position, DnPattern.ANY);
    }

    /**
     * The rule as cman.ora writes it: {@code (RULE=(SRC=…)(DST=…)(SRV=…)[(SRC_DN=…)](ACT=…)[(ACTION_LIST=…)])},
     * the service quoted when it must be, so that the text reads back as this rule.
     */
    public String text() {
        return "(RULE=(SRC=" + source + ")(DST=" + destination + ")(SRV=" + NvValue.Atom.of(service).text() + ")"
                + (clientDn.any() ? "" : "(SRC_DN=" + clientDn.text() + ")") + "(ACT="
                + action.name().toLowerCase(Locale.ROOT) + ")" + actions.text() + ")";
    }

    /** True if the rule is about this service: {@code *} or the same name in any case. */
    public boolean coversService(String requested) {
        return service.equals("*") || service.toLowerCase(Locale.ROOT).equals(requested.toLowerCase(Locale.ROOT));
    }
}
