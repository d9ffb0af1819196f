package dev.tnsrelay.config;

import java.util.Arrays;
import java.util.List;

/**
 * The keys of a rule's ACTION_LIST, each the per-rule value of one instance parameter (Oracle's sample
 * cman.ora maps them so). A key is honoured exactly as far as its parameter is.
 */
public enum ActionListKey {
    AUT(CmanParameter.ASO_AUTHENTICATION_FILTER),
    MOCT(CmanParameter.OUTBOUND_CONNECT_TIMEOUT),
    MCT(CmanParameter.SESSION_TIMEOUT),
    MIT(CmanParameter.IDLE_TIMEOUT),
    CONN_STATS(CmanParameter.CONNECTION_STATISTICS);

    private final CmanParameter parameter;

    ActionListKey(CmanParameter parameter) {
        this.parameter = parameter;
    }

    /** The instance parameter this key overrides for the sessions of its rule. */
    public CmanParameter parameter() {
        return parameter;
    }

    public Support support() {
        return parameter.support();
    }

    /**
     * Reads a value the way its parameter does, less what tnsrelay does not honour.
     *
     * @throws IllegalArgumentException as {@link CmanParameter#readOffered}
     */
    public Object readOffered(String text) {
        return parameter.readOffered(text);
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }
}
