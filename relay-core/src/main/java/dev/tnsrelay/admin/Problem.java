package dev.tnsrelay.admin;

import dev.tnsrelay.naming.NameResolutionException;
import dev.tnsrelay.net.NetParseException;

/**
 * A failed admin call as a door answers it: the kind (for an HTTP status or a JMX exception type), the message,
 * and for a rule or file that does not read, where (source, line, column; 0 when there is no position).
 */
public record Problem(AdminError.Kind kind, String message, String source, int line, int column) {

    /**
     * The problem {@code e} stands for: an {@link AdminException} says its kind; a text that does not read, a
     * name that does not resolve (with the file position of a broken alias) and an {@link IllegalArgumentException}
     * are the administrator's mistakes; anything else is a fault, and {@code null} kind says so.
     */
    public static Problem of(RuntimeException e) {
        if (e instanceof AdminException a) {
            return new Problem(a.error().kind(), a.getMessage(), "", 0, 0);
        }
        if (e instanceof NetParseException p) {
            return new Problem(AdminError.Kind.MISTAKE, p.getMessage(), p.position().source(), p.position().line(),
                    p.position().column());
        }
        if (e instanceof NameResolutionException n) {
            return n.getCause() instanceof NetParseException p
                    ? new Problem(AdminError.Kind.MISTAKE, n.getMessage(), p.position().source(), p.position().line(),
                            p.position().column())
                    : new Problem(AdminError.Kind.MISTAKE, n.getMessage(), "", 0, 0);
        }
        if (e instanceof IllegalArgumentException) {
            return new Problem(AdminError.Kind.MISTAKE, e.getMessage(), "", 0, 0);
        }
        return new Problem(null, String.valueOf(e.getMessage()), "", 0, 0);
    }

    /** True for what an administrator caused and can correct; false for a fault of the server. */
    public boolean causedByUser() {
        return kind != null;
    }
}
