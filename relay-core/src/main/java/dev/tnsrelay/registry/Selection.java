package dev.tnsrelay.registry;

/**
 * The outcome of routing a connect by its service: a handler to connect to, or why none takes it (the gateway
 * answers each with the listener's Oracle error). A chosen handler counts one more session until
 * {@link ServiceRegistry#release} is called.
 *
 * @param refusal why no handler takes the connect, or null when one does
 */
public record Selection(Handler handler, String instance, Refused refusal) {

    /** Why no handler takes a connect, as a listener would say it. */
    public enum Refused {
        /** The service is not registered (a listener's ORA-12514). */
        UNKNOWN_SERVICE,
        /** No handler of the kind asked for, or every one is full (ORA-12519). */
        NO_HANDLER,
        /** Every instance is in restricted mode (ORA-12526). */
        ALL_RESTRICTED,
        /** Instances are restricted or blocking (ORA-12527). */
        RESTRICTED_OR_BLOCKING,
        /** Every instance blocks new connections (ORA-12528). */
        ALL_BLOCKING
    }

    static Selection refused(Refused why) {
        return new Selection(null, null, why);
    }

    public boolean accepted() {
        return handler != null;
    }
}
