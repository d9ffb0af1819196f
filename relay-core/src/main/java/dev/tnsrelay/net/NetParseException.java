package dev.tnsrelay.net;

/**
 * The one error this library raises for text it cannot accept: bad syntax, a value of the wrong kind, an
 * unknown parameter. It always says where ({@link #position()}) and what was expected ({@link #detail()}).
 */
public class NetParseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final TextPosition position;
    private final String detail;

    public NetParseException(TextPosition position, String detail) {
        super(position + ": " + detail);
        this.position = position;
        this.detail = detail;
    }

    public TextPosition position() {
        return position;
    }

    /** The message without the position. */
    public String detail() {
        return detail;
    }
}
