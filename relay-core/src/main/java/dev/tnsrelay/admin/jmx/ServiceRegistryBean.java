package dev.tnsrelay.admin.jmx;

import dev.tnsrelay.admin.Administration;
import dev.tnsrelay.admin.cmctl.ServicesReport;
import dev.tnsrelay.descriptor.Address;
import dev.tnsrelay.descriptor.ServerType;
import dev.tnsrelay.registry.Handler;
import dev.tnsrelay.registry.HandlerState;
import dev.tnsrelay.registry.Registration;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.rmi.server.RemoteServer;
import java.rmi.server.ServerNotActiveException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The MXBean over the admin model's service registration: the caller's role and address are checked there. */
final class ServiceRegistryBean implements ServiceRegistryMXBean {

    private final Administration admin;

    ServiceRegistryBean(Administration admin) {
        this.admin = admin;
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
        AdminMBeans.run(() -> admin.register(JmxCaller.caller(), new Registration(service, instance, node,
                List.of(handler), Duration.ofSeconds(Math.max(0, ttlSeconds))), caller()));
    }

    @Override
    public void unregister(String service, String instance) {
        AdminMBeans.run(() -> admin.unregister(JmxCaller.caller(), service, instance));
    }

    @Override
    public String getServices() {
        return AdminMBeans.call(() -> ServicesReport.format(admin.services(JmxCaller.caller())));
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
