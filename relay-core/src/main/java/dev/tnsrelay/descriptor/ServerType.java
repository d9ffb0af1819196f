package dev.tnsrelay.descriptor;

import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.net.NvPair;
import java.util.Locale;
import java.util.Optional;

/** {@code (SERVER=dedicated|shared|pooled)} in CONNECT_DATA: which kind of server process the client wants. */
public enum ServerType {
    DEDICATED, SHARED, POOLED;

    /** The type, if the text names one. */
    public static Optional<ServerType> known(String text) {
        try {
            return Optional.of(valueOf(text.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The type, or an error naming the pair. */
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
