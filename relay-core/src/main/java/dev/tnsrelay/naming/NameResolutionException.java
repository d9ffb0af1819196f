package dev.tnsrelay.naming;

/**
 * A connect identifier that no naming method could resolve: Oracle's ORA-12154. The message lists what each
 * method said, so that a DBA sees why.
 */
public class NameResolutionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NameResolutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
