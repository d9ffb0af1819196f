package dev.tnsrelay.registry;

/**
 * The outcome of routing a connect by its service: a handler to connect to, or the Oracle error to refuse
 * with. A chosen handler counts one more session until {@link ServiceRegistry#release} is called.
 */
public record Selection(Handler handler, String instance, int refusal) {

    /** ORA-12514: the service is not registered. */
    public static final int UNKNOWN_SERVICE = 12514;
    /** ORA-12519: no handler of the kind asked for, or all are full. */
    public static final int NO_HANDLER = 12519;
    /** ORA-12526: every instance is in restricted mode. */
    public static final int ALL_RESTRICTED = 12526;
    /** ORA-12527: instances are restricted or blocking. */
    public static final int RESTRICTED_OR_BLOCKING = 12527;
    /** ORA-12528: every instance blocks new connections. */
    public static final int ALL_BLOCKING = 12528;

    static Selection refused(int error) {
        return new Selection(null, null, error);
    }

    public boolean accepted() {
        return handler != null;
    }
}
