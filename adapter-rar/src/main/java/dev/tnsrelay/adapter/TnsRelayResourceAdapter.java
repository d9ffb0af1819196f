package dev.tnsrelay.adapter;

import dev.tnsrelay.instance.ConnectionManager;
import dev.tnsrelay.instance.Settings;
import dev.tnsrelay.instance.StartupException;
import dev.tnsrelay.instance.TnsAdmin;
import dev.tnsrelay.naming.Resolution;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.time.Clock;
import java.util.Optional;
import javax.transaction.xa.XAResource;

/**
 * tnsrelay as a resource adapter: its configuration properties become the instance's settings, the server's
 * WorkManager its executor and the server's data grid, when it has one, the cluster it shares its state in
 * ({@link GridLookup}); {@code start} runs the instance ({@link ConnectionManager}), {@code stop} ends it. A
 * cman.ora that is not valid fails the start with file, line and column; the server stays up.
 */
@Connector(displayName = "tnsrelay", vendorName = "tnsrelay", eisType = "Oracle Net",
        description = "Oracle Connection Manager for Jakarta EE: an Oracle Net gateway and connect descriptors in JNDI",
        transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction)
public class TnsRelayResourceAdapter implements ResourceAdapter {

    @ConfigProperty(description = "Folder of cman.ora, tnsnames.ora, sqlnet.ora and ldap.ora. Empty: $TNS_ADMIN, else"
            + " $ORACLE_HOME/network/admin; without any, an embedded cman.ora that listens on loopback only.",
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
            + " the connector: service:jmx:rmi:///jndi/rmi://<jmxHost>:<jmxPort>/jmxrmi); 0: the platform"
            + " MBeanServer only.", defaultValue = "8686")
    private Integer jmxPort = 8686;

    @ConfigProperty(description = "Address the remote JMX connector is bound to. Loopback by default: there is no"
            + " TLS on it.", defaultValue = "127.0.0.1")
    private String jmxHost = "127.0.0.1";

    @ConfigProperty(description = "Host names (or addresses) the admin screens and REST API answer to besides"
            + " localhost, 127.0.0.1 and ::1, separated by commas: the names a TLS proxy in front or users on the"
            + " network reach the server by. A request with any other Host header is refused (DNS rebinding).",
            defaultValue = "")
    private String adminHosts = "";

    private volatile ConnectionManager running;

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

    public String getAdminHosts() {
        return adminHosts;
    }

    public void setAdminHosts(String adminHosts) {
        this.adminHosts = adminHosts;
    }

    public String getJmxHost() {
        return jmxHost;
    }

    public void setJmxHost(String jmxHost) {
        this.jmxHost = jmxHost;
    }

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        Settings settings = new Settings(TnsAdmin.discover(tnsAdmin, System.getenv()).folder(), Optional.empty(),
                Optional.of(instance), Settings.stateFolder(stateDir, System.getenv()),
                Settings.jmx(jmxHost, jmxPort == null ? 0 : jmxPort), Clock.systemUTC(),
                new WorkManagerExecutor(context.getWorkManager()), adminHosts == null ? "" : adminHosts)
                .withGrid(GridLookup::find);
        try {
            running = ConnectionManager.start(settings);
        } catch (StartupException e) {
            throw new ResourceAdapterInternalException(e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        ConnectionManager m = running;
        running = null;
        if (m != null) {
            m.close();
        }
    }

    /** The running instance. */
    ConnectionManager instance() {
        ConnectionManager m = running;
        if (m == null) {
            throw new IllegalStateException("the tnsrelay adapter is not started");
        }
        return m;
    }

    /** Resolves a connect identifier with the naming files, optionally routed through this gateway. */
    Resolved resolve(String identifier, boolean throughGateway) throws ResourceException {
        try {
            ConnectionManager m = instance();
            Resolution r = m.resolve(identifier);
            return Resolved.of(r, throughGateway ? m.throughGateway(r.descriptor()) : r.descriptor());
        } catch (RuntimeException e) {
            throw new ResourceException(e.getMessage(), e);
        }
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        throw new NotSupportedException("tnsrelay has no inbound messaging");
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
