package dev.tnsrelay.tns;

/** Bytes that are not TNS, or exceed a limit. It ends the session that sent them, never the gateway. */
public class TnsProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TnsProtocolException(String message) {
        super(message);
    }
}
