package dev.tnsrelay.registry;

import dev.tnsrelay.descriptor.Address;
import dev.tnsrelay.descriptor.ServerType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.rmi.server.RemoteServer;
import java.rmi.server.ServerNotActiveException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The MXBean over a {@link ServiceRegistry}. */
public final class ServiceRegistryBean implements ServiceRegistryMXBean {

    private final ServiceRegistry registry;

    public ServiceRegistryBean(ServiceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void register(String service, String instance, String node, String handlerHost, int handlerPort,
            String server, int load, int maxLoad, String state, long ttlSeconds) {
        ServerType type = ServerType.known(server).orElseThrow(() ->
                new IllegalArgumentException("server must be dedicated, shared or pooled, not '" + server + "'"));
        HandlerState handlerState;
        try {
            handlerState = HandlerState.valueOf(state.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("state must be READY, BLOCKED or RESTRICTED, not '" + state + "'");
        }
        Handler handler = new Handler(type.name(), Address.tcp(handlerHost, handlerPort), type, load, maxLoad, handlerState);
        try {
            registry.register(new Registration(service, instance, node, List.of(handler),
                    Duration.ofSeconds(Math.max(0, ttlSeconds))), caller());
        } catch (RegistrationRefusedException e) {
            // JMX clients see standard exception types only
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    @Override
    public void unregister(String service, String instance) {
        registry.unregister(service, instance);
    }

    @Override
    public String getServices() {
        return ServicesReport.format(registry.snapshot());
    }

    /** The remote JMX client's address, or this machine for a call made inside the JVM. */
    private static InetAddress caller() {
        try {
            return InetAddress.getByName(RemoteServer.getClientHost());
        } catch (ServerNotActiveException inProcess) {
            return InetAddress.getLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot tell where the registration comes from: " + e.getMessage());
        }
    }
}
