package dev.tnsrelay.registry;

import java.net.InetAddress;
import java.util.Optional;

/**
 * What happens to registrations, as it happens: the instance's log listens here (EVENT_GROUP reg_and_load).
 * Called on the registering thread; a listener must be quick, and a {@link RuntimeException} from it is logged
 * and the registration goes on.
 */
public interface RegistrationListener {

    /**
     * A registration was taken.
     *
     * @param from where a dynamic registration came from; empty for a static one from cman.ora
     * @param renewal true if it replaced one of the same service and instance (a database's periodic refresh)
     */
    default void registered(Registration registration, Optional<InetAddress> from, boolean renewal) {
    }

    /** A registration taken by another server of the cluster ({@code node}) was taken here too. */
    default void adopted(Registration registration, String node, boolean renewal) {
    }

    /** Valid node checking refused a registration ({@code why} is TNS-01182's text). */
    default void refused(Registration registration, InetAddress from, String why) {
    }

    /** A registration was withdrawn. */
    default void unregistered(String service, String instance) {
    }
}
