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
import dev.tnsrelay.admin.Administration;
import dev.tnsrelay.admin.AuditLog;
import dev.tnsrelay.admin.Users;
import dev.tnsrelay.admin.jmx.AdminMBeans;
import dev.tnsrelay.admin.jmx.RemoteJmx;
import dev.tnsrelay.config.CmanOra;
import dev.tnsrelay.config.CmanOraFile;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import javax.management.JMException;
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

    @ConfigProperty(description = "Folder of the administrators (users, hashed), the audit log, the first admin"
            + " password and the rules of the embedded default once changed. Empty: $TNSRELAY_HOME, else"
            + " ~/.tnsrelay.", defaultValue = "")
    private String stateDir = "";

    @ConfigProperty(description = "Port of the authenticated remote JMX connector (one port for the RMI registry and"
            + " the connector: service:jmx:rmi:///jndi/rmi://<jmxHost>:<jmxPort>/jmxrmi); 0 turns it off.",
            defaultValue = "8686")
    private Integer jmxPort = 8686;

    @ConfigProperty(description = "Address the remote JMX connector is bound to. Loopback by default: there is no"
            + " TLS on it.", defaultValue = "127.0.0.1")
    private String jmxHost = "127.0.0.1";

    private volatile TnsAdmin files;
    private volatile RelayEngine engine;
    private volatile Administration administration;
    private volatile Users users;
    private AdminMBeans mbeans;
    private RemoteJmx remoteJmx;

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

    public String getStateDir() {
        return stateDir;
    }

    public void setStateDir(String stateDir) {
        this.stateDir = stateDir;
    }

    public Integer getJmxPort() {
        return jmxPort;
    }

    public void setJmxPort(Integer jmxPort) {
        this.jmxPort = jmxPort;
    }

    public String getJmxHost() {
        return jmxHost;
    }

    public void setJmxHost(String jmxHost) {
        this.jmxHost = jmxHost;
    }

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        files = TnsAdmin.of(tnsAdmin, System.getenv("TNS_ADMIN"));
        Path state = stateFolder();
        Optional<Path> cmanFile = files.cmanFile(state);
        CmanInstance chosen;
        try {
            CmanConfiguration config = cmanFile.map(CmanOra::load).orElseGet(CmanOra::embeddedDefault);
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
        try {
            startAdministration(chosen, cmanFile, state);
        } catch (IOException | JMException | RuntimeException e) {
            stop();
            throw new ResourceAdapterInternalException("TNS-04012: administration: " + e.getMessage(), e);
        }
    }

    /** The admin model, its MXBeans, the administrators (a first admin on first start) and remote JMX. */
    private void startAdministration(CmanInstance chosen, Optional<Path> cmanFile, Path state)
            throws IOException, JMException {
        CmanOraFile cman = cmanFile.map(f -> CmanOraFile.of(f, chosen.name()))
                .orElseGet(() -> CmanOraFile.embedded(state.resolve("cman.ora"), chosen.name()));
        users = Users.in(state);
        users.createAdminIfNone().ifPresent(note -> LOG.log(Level.WARNING, "tnsrelay: first start: administrator"
                + " ''admin'' created; its password is in {0} (readable by this account only; it is removed when the"
                + " admin password is changed with bin/tnsrelay-passwd)", note));
        administration = new Administration(engine, cman,
                new AuditLog(Optional.of(state.resolve(AuditLog.FILE)), engine.events(), Clock.systemUTC()),
                this::resolution);
        mbeans = AdminMBeans.register(administration, engine.registry(), engine.managementKey());
        if (jmxPort != null && jmxPort != 0) {
            remoteJmx = RemoteJmx.start(jmxHost, jmxPort, users, ManagementFactory.getPlatformMBeanServer());
        }
        LOG.log(Level.INFO, "tnsrelay: administrators in {0}, audit log {1}, rule changes written to {2}",
                users.file(), state.resolve(AuditLog.FILE), cman.path());
    }

    private Path stateFolder() {
        if (!stateDir.isBlank()) {
            return Path.of(stateDir);
        }
        String home = System.getenv("TNSRELAY_HOME");
        return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".tnsrelay");
    }

    @Override
    public void stop() {
        administration = null;
        if (remoteJmx != null) {
            try {
                remoteJmx.close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "tnsrelay: remote JMX did not stop cleanly: {0}", e.getMessage());
            }
            remoteJmx = null;
        }
        if (mbeans != null) {
            mbeans.close();
            mbeans = null;
        }
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
        try {
            Resolution r = resolution(identifier);
            var descriptor = throughGateway ? SourceRoutes.via(r.descriptor(), gatewayAddress()) : r.descriptor();
            return new Resolved(identifier, r.method() == null ? "DESCRIPTOR" : r.method().name(), r.source(), descriptor);
        } catch (RuntimeException e) {
            throw new ResourceException(e.getMessage(), e);
        }
    }

    /** What the naming files (as they are now) make of a connect identifier. */
    private Resolution resolution(String identifier) {
        TnsAdmin admin = files;
        if (admin == null) {
            throw new IllegalStateException("tnsrelay is not started");
        }
        NameResolver resolver = admin.folder().map(NameResolver::fromTnsAdmin)
                .orElseGet(() -> new NameResolver(SqlnetOra.defaults(), Optional.empty(), Optional.empty()));
        return resolver.resolve(identifier);
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

    /** The running engine. */
    public RelayEngine engine() {
        return engine;
    }

    /** The admin model of the running instance. */
    Administration administration() {
        Administration a = administration;
        if (a == null) {
            throw new IllegalStateException("the tnsrelay gateway is not running");
        }
        return a;
    }

    Users users() {
        Users u = users;
        if (u == null) {
            throw new IllegalStateException("the tnsrelay gateway is not running");
        }
        return u;
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
