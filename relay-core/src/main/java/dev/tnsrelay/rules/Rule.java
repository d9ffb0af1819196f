package dev.tnsrelay.rules;

import dev.tnsrelay.net.NvValue;
import dev.tnsrelay.net.TextPosition;
import java.util.Locale;

/**
 * {@code (RULE=(SRC=…)(DST=…)(SRV=…)(ACT=…)(ACTION_LIST=…))}.
 *
 * @param service the service name the client asks for, or {@code *}; compared case-insensitively
 * @param position where the rule was read, for messages; {@code null} for a rule made in code
 */
public record Rule(HostPattern source, HostPattern destination, String service, RuleAction action,
        ActionList actions, TextPosition position) {

    public Rule {
        service = service.strip();
    }

    /**
     * The rule as cman.ora writes it: {@code (RULE=(SRC=…)(DST=…)(SRV=…)(ACT=…)[(ACTION_LIST=…)])}, the service
     * quoted when it must be, so that the text reads back as this rule.
     */
    public String text() {
        return "(RULE=(SRC=" + source + ")(DST=" + destination + ")(SRV=" + NvValue.Atom.of(service).text() + ")(ACT="
                + action.name().toLowerCase(Locale.ROOT) + ")" + actions.text() + ")";
    }

    /** True if the rule is about this service: {@code *} or the same name in any case. */
    public boolean coversService(String requested) {
        return service.equals("*") || service.toLowerCase(Locale.ROOT).equals(requested.toLowerCase(Locale.ROOT));
    }
}
