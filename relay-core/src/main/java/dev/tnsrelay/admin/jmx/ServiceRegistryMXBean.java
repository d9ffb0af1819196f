package dev.tnsrelay.admin.jmx;

/**
 * The registry over JMX ({@code dev.tnsrelay:type=ServiceRegistry,name=<instance>@<port>}): what a database
 * (or a script standing for one) calls to register an instance with one handler, and {@code show services}.
 * Valid node checking applies to the JMX client's address; an in-process caller counts as this machine.
 * Registering is a change: the caller needs the admin role.
 */
public interface ServiceRegistryMXBean {

    /**
     * Registers (or refreshes) an instance of a service with one handler.
     *
     * @param server dedicated, shared or pooled
     * @param state READY, BLOCKED or RESTRICTED
     * @param ttlSeconds how long the registration lasts without a refresh; 0 never expires
     * @throws IllegalArgumentException for a value that is not valid, or a node that may not register
     */
    void register(String service, String instance, String node, String handlerHost, int handlerPort, String server,
            int load, int maxLoad, String state, long ttlSeconds);

    void unregister(String service, String instance);

    /** {@code show services}, as CMAN prints it. */
    String getServices();
}
