package dev.tnsrelay.adapter;

import dev.tnsrelay.config.CmanConfiguration;
import dev.tnsrelay.config.CmanInstance;
import dev.tnsrelay.descriptor.Address;
import dev.tnsrelay.descriptor.SourceRoutes;
import dev.tnsrelay.gateway.RelayEngine;
import dev.tnsrelay.naming.NameResolver;
import dev.tnsrelay.naming.Resolution;
import dev.tnsrelay.naming.SqlnetOra;
import dev.tnsrelay.net.NetParseException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import javax.transaction.xa.XAResource;

/**
 * tnsrelay as a resource adapter: {@code start} reads cman.ora and runs the gateway on the server's
 * WorkManager; {@code stop} closes every socket and ends every loop. A cman.ora that is not valid fails the
 * start with file, line and column; the server stays up.
 */
@Connector(displayName = "tnsrelay", vendorName = "tnsrelay", eisType = "Oracle Net",
        description = "Oracle Connection Manager for Jakarta EE: an Oracle Net gateway and connect descriptors in JNDI",
        transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction)
public class TnsRelayResourceAdapter implements ResourceAdapter {

    private static final System.Logger LOG = System.getLogger("dev.tnsrelay.adapter");

    @ConfigProperty(description = "Folder of cman.ora, tnsnames.ora, sqlnet.ora and ldap.ora. Empty: the TNS_ADMIN"
            + " environment variable; without either, an embedded cman.ora that listens on loopback only.",
            defaultValue = "")
    private String tnsAdmin = "";

    @ConfigProperty(description = "The cman.ora instance to run. Empty: the only one, or cman_<host>, or the first.",
            defaultValue = "")
    private String instance = "";

    private volatile TnsAdmin files;
    private volatile RelayEngine engine;

    public String getTnsAdmin() {
        return tnsAdmin;
    }

    public void setTnsAdmin(String tnsAdmin) {
        this.tnsAdmin = tnsAdmin;
    }

    public String getInstance() {
        return instance;
    }

    public void setInstance(String instance) {
        this.instance = instance;
    }

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        files = TnsAdmin.of(tnsAdmin, System.getenv("TNS_ADMIN"));
        CmanInstance chosen;
        try {
            CmanConfiguration config = files.cman();
            chosen = instance.isBlank() ? config.defaultInstance(hostName())
                    : config.instance(instance).orElseThrow(() -> new ResourceAdapterInternalException(
                            "TNS-04012: no instance " + instance + " in " + config.source()));
            LOG.log(Level.INFO, "tnsrelay: instance {0} from {1}", chosen.name(), config.source());
        } catch (NetParseException e) {
            throw new ResourceAdapterInternalException(
                    "TNS-04012: Unable to start Oracle Connection Manager instance: " + e.getMessage(), e);
        }
        try {
            engine = new RelayEngine(chosen, new WorkManagerExecutor(context.getWorkManager()), Clock.systemUTC())
                    .start();
        } catch (IOException e) {
            throw new ResourceAdapterInternalException("TNS-04012: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        RelayEngine running = engine;
        engine = null;
        if (running != null) {
            try {
                running.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Resolves a connect identifier with the files as they are now, optionally routed through this gateway. */
    Resolved resolve(String identifier, boolean throughGateway) throws ResourceException {
        TnsAdmin admin = files;
        if (admin == null) {
            throw new ResourceException("tnsrelay is not started");
        }
        try {
            NameResolver resolver = admin.folder().map(NameResolver::fromTnsAdmin)
                    .orElseGet(() -> new NameResolver(SqlnetOra.defaults(), Optional.empty(), Optional.empty()));
            Resolution r = resolver.resolve(identifier);
            var descriptor = throughGateway ? SourceRoutes.via(r.descriptor(), gatewayAddress()) : r.descriptor();
            return new Resolved(identifier, r.method() == null ? "DESCRIPTOR" : r.method().name(), r.source(), descriptor);
        } catch (RuntimeException e) {
            throw new ResourceException(e.getMessage(), e);
        }
    }

    /** The address applications on this server use to reach the gateway: its first listening address. */
    Address gatewayAddress() throws ResourceException {
        RelayEngine running = engine;
        if (running == null || running.listenAddresses().isEmpty()) {
            throw new ResourceException("the tnsrelay gateway is not running");
        }
        InetSocketAddress a = running.listenAddresses().get(0);
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        return Address.tcp(host, a.getPort());
    }

    /** The running engine, for the administration layer of this server. */
    public RelayEngine engine() {
        return engine;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        throw new jakarta.resource.NotSupportedException("tnsrelay has no inbound messaging");
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        // nothing was activated
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
