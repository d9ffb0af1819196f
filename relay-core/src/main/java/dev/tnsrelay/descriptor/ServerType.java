package dev.tnsrelay.descriptor;

import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.net.NvPair;
import java.util.Locale;

/** {@code (SERVER=dedicated|shared|pooled)} in CONNECT_DATA: which kind of server process the client wants. */
public enum ServerType {
    DEDICATED, SHARED, POOLED;

    public static ServerType from(NvPair pair) {
        return parse(NetValues.text(pair), pair);
    }

    static ServerType parse(String text, NvPair at) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new NetParseException(at.position(),
                    "SERVER must be dedicated, shared or pooled, not '" + text.strip() + "'");
        }
    }

    /** The lower-case spelling Oracle's tools write. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
