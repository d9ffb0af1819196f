package dev.tnsrelay.datasource;

import java.io.PrintWriter;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.sql.DataSource;
import oracle.jdbc.pool.OracleDataSource;

/**
 * A DataSource for a net service name (a tnsnames.ora alias, an LDAP entry, Easy Connect or a descriptor), for a
 * server's or an application's JDBC pool: {@code create-jdbc-connection-pool --datasourceclassname
 * dev.tnsrelay.datasource.NetServiceDataSource --property netServiceName=sales …} or {@code @DataSourceDefinition}.
 *
 * <p>Each physical connection asks the tnsrelay instance of this server to resolve the name (its naming files are
 * read again when they change, so an edit applies to the next physical connection without a restart), routed
 * through its gateway unless {@link #setThroughGateway throughGateway} is off, and opens it with the Oracle driver's
 * own DataSource. A descriptor with several addresses keeps its FAILOVER and LOAD_BALANCE: behind the gateway each
 * address is a description of its own in a DESCRIPTION_LIST, which the driver tries in turn. The pool does the
 * pooling; this class keeps no connection.
 *
 * <p>Every session says which pool it comes from: the driver's {@code v$session.program}, sent in the CONNECT's CID
 * as PROGRAM, which the gateway keeps per session for {@code show connections}. It is {@link #setProgram program},
 * by default {@code tnsrelay:<netServiceName>}.
 */
public class NetServiceDataSource implements DataSource {

    private static final System.Logger LOG = System.getLogger("dev.tnsrelay.datasource");

    /** Where the tnsrelay server's deployment commands bind the adapter's naming factory. */
    public static final String DEFAULT_NAMING_RESOURCE = "tnsrelay/naming";

    /** The Oracle driver's connection property for the session's program (OracleConnection's constant). */
    static final String PROGRAM_PROPERTY = "v$session.program";

    /** The driver's DataSource for one resolved descriptor; replaced when the name resolves to another one. */
    private record Driver(String descriptor, OracleDataSource dataSource) {
    }

    private volatile String netServiceName;
    private volatile boolean throughGateway = true;
    private volatile String user;
    private volatile String password;
    private volatile String program;
    private volatile String namingResource = DEFAULT_NAMING_RESOURCE;
    private volatile String connectionProperties = "";
    private volatile int loginTimeout;
    private volatile PrintWriter logWriter;
    private final AtomicReference<Driver> driver = new AtomicReference<>();

    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(user, password);
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        String name = netServiceName;
        if (name == null || name.isBlank()) {
            throw new SQLNonTransientConnectionException("tnsrelay: the DataSource has no netServiceName", "08001");
        }
        InstanceNaming.Route route = InstanceNaming.resolve(namingResource, name.strip(), throughGateway);
        OracleDataSource oracle = driverFor(name.strip(), route);
        return user == null ? oracle.getConnection() : oracle.getConnection(user, password);
    }

    private OracleDataSource driverFor(String name, InstanceNaming.Route route) throws SQLException {
        Driver current = driver.get();
        if (current != null && current.descriptor().equals(route.descriptor())) {
            return current.dataSource();
        }
        OracleDataSource oracle = new OracleDataSource();
        oracle.setURL("jdbc:oracle:thin:@" + route.descriptor());
        Properties properties = DriverProperties.parse(connectionProperties);
        properties.setProperty(PROGRAM_PROPERTY, program(name));
        oracle.setConnectionProperties(properties);
        if (loginTimeout > 0) {
            oracle.setLoginTimeout(loginTimeout);
        }
        driver.set(new Driver(route.descriptor(), oracle));
        LOG.log(Level.INFO, "tnsrelay: {0} resolves by {1} ({2}) to {3}", name, route.method(), route.source(),
                route.descriptor());
        return oracle;
    }

    private String program(String name) {
        String p = program;
        return p == null || p.isBlank() ? "tnsrelay:" + name : p;
    }

    /** The net service name, Easy Connect string or descriptor, resolved at each physical connection. */
    public String getNetServiceName() {
        return netServiceName;
    }

    public void setNetServiceName(String netServiceName) {
        this.netServiceName = netServiceName;
    }

    /** On (the default): SOURCE_ROUTE through the gateway of this server. Off: straight to the resolved addresses. */
    public boolean isThroughGateway() {
        return throughGateway;
    }

    public void setThroughGateway(boolean throughGateway) {
        this.throughGateway = throughGateway;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    /** The sessions' CID PROGRAM ({@code v$session.program}); empty: {@code tnsrelay:<netServiceName>}. */
    public String getProgram() {
        return program;
    }

    public void setProgram(String program) {
        this.program = program;
        driver.set(null);
    }

    /** The JNDI name of the tnsrelay adapter's naming factory; {@value #DEFAULT_NAMING_RESOURCE} by default. */
    public String getNamingResource() {
        return namingResource;
    }

    public void setNamingResource(String namingResource) {
        this.namingResource = namingResource == null || namingResource.isBlank() ? DEFAULT_NAMING_RESOURCE
                : namingResource.strip();
    }

    /** More Oracle driver connection properties, {@code name=value;name=value} (an asadmin property takes one string). */
    public String getConnectionProperties() {
        return connectionProperties;
    }

    public void setConnectionProperties(String connectionProperties) throws SQLException {
        DriverProperties.parse(connectionProperties);
        this.connectionProperties = connectionProperties == null ? "" : connectionProperties;
        driver.set(null);
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
        driver.set(null);
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("tnsrelay logs through System.Logger dev.tnsrelay.datasource");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper for " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    @Override
    public String toString() {
        return "NetServiceDataSource[" + netServiceName + (throughGateway ? " through the gateway" : " direct")
                + ", naming " + namingResource + "]";
    }
}
