package dev.tnsrelay.instance;

import dev.tnsrelay.admin.AdminHosts;
import dev.tnsrelay.admin.Administration;
import dev.tnsrelay.admin.AuditLog;
import dev.tnsrelay.admin.ClusterControl;
import dev.tnsrelay.admin.InstanceControl;
import dev.tnsrelay.admin.jmx.AdminMBeans;
import dev.tnsrelay.admin.jmx.RemoteJmx;
import dev.tnsrelay.admin.stats.Sampler;
import dev.tnsrelay.admin.stats.Statistics;
import dev.tnsrelay.admin.users.Users;
import dev.tnsrelay.cluster.ClusterNode;
import dev.tnsrelay.config.CmanConfiguration;
import dev.tnsrelay.config.CmanInstance;
import dev.tnsrelay.config.CmanOra;
import dev.tnsrelay.config.CmanOraFile;
import dev.tnsrelay.config.CmanParameters;
import dev.tnsrelay.descriptor.Address;
import dev.tnsrelay.descriptor.ConnectDescriptor;
import dev.tnsrelay.descriptor.SourceRoutes;
import dev.tnsrelay.gateway.EngineState;
import dev.tnsrelay.gateway.EventLog;
import dev.tnsrelay.gateway.RelayEngine;
import dev.tnsrelay.gateway.SessionListener;
import dev.tnsrelay.grid.Grid;
import dev.tnsrelay.logfile.InstanceLog;
import dev.tnsrelay.naming.NamingFiles;
import dev.tnsrelay.naming.Resolution;
import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.registry.ServiceRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.JMException;

/**
 * One Oracle Connection Manager instance, as cmctl administers it: the composition root that the resource adapter
 * and the standalone main share. Built from {@link Settings}, it reads cman.ora, and {@link #start()} starts, in
 * order, the engine (listener and gateways), the administrators (a first {@code admin} on first start), the
 * admin model, its MBeans and remote JMX; {@link #close()} stops them in the reverse order.
 *
 * <p>The service registry, the event log, the naming files and the admin model are the instance's and outlive a
 * shutdown: STARTUP builds a new engine on them from cman.ora as it is then. The naming resolver is built once
 * and rebuilt when tnsnames.ora, sqlnet.ora or ldap.ora change.
 *
 * <p>When the host has a data grid ({@link Settings#grid()}), the instance is a node of a cluster
 * ({@link ClusterNode}): before its gateways listen it takes the cluster's rule list, administrators and
 * registrations; from then on a change made on any node applies on every node.
 */
public final class ConnectionManager implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.tnsrelay.instance");
    /** How often the naming files' times and sizes are compared: cheap, and an edit applies within it. */
    private static final Duration NAMING_CHECK = Duration.ofSeconds(3);
    /** How long close() waits for the sampler's thread (it wakes at once). */
    private static final Duration SAMPLER_STOP = Duration.ofSeconds(2);

    private final Settings settings;
    private final CmanInstance configured;
    private final CmanOraFile config;
    private final ServiceRegistry registry;
    private final EventLog events;
    private final NamingFiles naming;
    private final Users users;
    private final Administration administration;
    private final InstanceLog log;
    private final Statistics statistics;
    private final Sampler sampler;
    private boolean samplerStarted;
    private final Control control = new Control();
    /** This instance as a node of a cluster; null when it runs alone. */
    private final ClusterNode cluster;
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
    /** Guards the engine's replacement, the MBeans and the end. */
    private final Object lifecycle = new Object();
    private volatile RelayEngine engine;
    private AdminMBeans mbeans;
    private RemoteJmx remoteJmx;
    private boolean closed;

    /**
     * Reads cman.ora and prepares the parts; nothing listens until {@link #start()}.
     *
     * @throws StartupException when cman.ora does not read (with file, line and column) or names no such instance
     */
    public ConnectionManager(Settings settings) throws StartupException {
        this.settings = settings;
        Optional<Path> file = settings.cmanOra().or(() -> new TnsAdmin(settings.tnsAdmin())
                .cmanFile(settings.stateFolder()));
        try {
            CmanConfiguration all = file.map(CmanOra::load).orElseGet(CmanOra::embeddedDefault);
            configured = settings.instance().filter(n -> !n.isBlank())
                    .map(n -> all.instance(n).orElseThrow(() -> new IllegalArgumentException(
                            "no instance " + n + " in " + all.source())))
                    .orElseGet(() -> all.defaultInstance(hostName()));
            LOG.log(Level.INFO, "tnsrelay: instance {0} from {1}", configured.name(), all.source());
        } catch (NetParseException | IllegalArgumentException | UncheckedIOException e) {
            throw new StartupException(e.getMessage(), e);
        }
        config = file.map(f -> CmanOraFile.of(f, configured.name()))
                .orElseGet(() -> CmanOraFile.embedded(settings.stateFolder().resolve("cman.ora"), configured.name()));
        registry = new ServiceRegistry(settings.clock(), configured.parameters());
        events = new EventLog(settings.clock());
        try {
            log = InstanceLog.open(configured.name(), configured.parameters(), settings.clock(), settings.executor());
        } catch (IOException e) {
            throw new StartupException("LOG_DIRECTORY: " + e.getMessage(), e);
        }
        registry.addListener(log);
        listeners.add(log);
        naming = new NamingFiles(settings.tnsAdmin(), settings.clock(), NAMING_CHECK);
        AdminHosts hosts;
        try {
            StateFolder.prepare(settings.stateFolder());
            hosts = AdminHosts.of(settings.adminHosts());
        } catch (IOException e) {
            log.close();
            throw new StartupException("state folder " + settings.stateFolder() + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            log.close();
            throw new StartupException(e.getMessage(), e);
        }
        users = Users.in(settings.stateFolder(), settings.clock());
        statistics = new Statistics(settings.clock(), () -> Optional.ofNullable(engine));
        listeners.add(statistics);
        sampler = new Sampler(statistics);
        Optional<Grid> grid;
        try {
            grid = settings.grid().get();
        } catch (RuntimeException e) {
            log.close();
            throw new StartupException("cluster: the data grid cannot be used: " + e.getMessage(), e);
        }
        cluster = grid.map(g -> new ClusterNode(g, configured.name(), control, config, registry, events, users,
                settings.stateFolder(), settings.clock(), settings.executor())).orElse(null);
        administration = new Administration(control, config,
                new AuditLog(Optional.of(settings.stateFolder().resolve(AuditLog.FILE)), events, settings.clock()),
                users, naming::resolve, settings.clock(), hosts, statistics, settings.executor(),
                cluster == null ? null : cluster.ruleList(),
                cluster == null ? ClusterControl.ALONE : cluster);
        if (cluster != null) {
            cluster.attach(administration);
        }
    }

    /** Reads the settings' cman.ora and starts the instance. */
    public static ConnectionManager start(Settings settings) throws StartupException {
        return new ConnectionManager(settings).start();
    }

    /** The instance as cman.ora described it at the first start (name, addresses, parameters). */
    public CmanInstance configured() {
        return configured;
    }

    /** Adds a listener to every session of every engine this instance starts; call it before {@link #start()}. */
    public ConnectionManager addSessionListener(SessionListener l) {
        listeners.add(l);
        return this;
    }

    /**
     * Starts the engine, then the administration: a first administrator when there is none, the MXBeans and
     * remote JMX as the settings say. Fails leaving nothing open.
     */
    public ConnectionManager start() throws StartupException {
        synchronized (lifecycle) {
            if (engine != null || closed) {
                throw new IllegalStateException("instance " + configured.name() + " was started already");
            }
            CmanInstance first = configured;
            try {
                if (cluster != null && cluster.join(configured.rules())) {
                    first = config.reread(); // the cluster's rules, written to cman.ora: before anything listens
                }
            } catch (Exception e) {
                cluster.close();
                throw new StartupException("cluster: " + e.getMessage(), e);
            }
            try {
                engine = started(newEngine(first));
            } catch (IOException e) {
                if (cluster != null) {
                    cluster.close();
                }
                throw new StartupException(e.getMessage(), e);
            }
            try {
                users.createAdminIfNone().ifPresent(note -> LOG.log(Level.WARNING, "tnsrelay: first start:"
                        + " administrator ''admin'' created; its password is in {0} (readable by this account only;"
                        + " it is removed when the admin password is changed with bin/tnsrelay-passwd)", note));
                if (cluster != null) {
                    cluster.start();
                }
                startJmx();
                settings.executor().execute(sampler);
                samplerStarted = true;
            } catch (IOException | JMException | RuntimeException e) {
                close();
                throw new StartupException("administration: " + e.getMessage(), e);
            }
        }
        LOG.log(Level.INFO, "tnsrelay: administrators in {0}, audit log {1}, rule changes written to {2}",
                users.file(), settings.stateFolder().resolve(AuditLog.FILE), config.path());
        return this;
    }

    private void startJmx() throws IOException, JMException {
        if (settings.jmx() instanceof JmxMode.None) {
            return;
        }
        mbeans = AdminMBeans.register(ManagementFactory.getPlatformMBeanServer(), administration,
                engine.managementKey());
        if (settings.jmx() instanceof JmxMode.Remote r) {
            javax.net.ssl.SSLContext tls = null;
            if (!InetAddress.getByName(r.host()).isLoopbackAddress()) {
                tls = adminTls();
            }
            remoteJmx = RemoteJmx.start(r.host(), r.port(), administration, ManagementFactory.getPlatformMBeanServer(),
                    tls);
        }
    }

    /** The state folder's {@value #ADMIN_WALLET}: the key the admin doors present off loopback. */
    public static final String ADMIN_WALLET = "admin-wallet";

    private javax.net.ssl.SSLContext adminTls() throws IOException {
        java.nio.file.Path folder = settings.stateFolder().resolve(ADMIN_WALLET);
        if (!java.nio.file.Files.isDirectory(folder)) {
            throw new IOException("remote JMX off loopback needs TLS: put a wallet (ewallet.p12 with its"
                    + " wallet.password, or ewallet.pem) in " + folder + " (docs/admin.md)");
        }
        try {
            return dev.tnsrelay.tls.Wallet.load(folder, System.getenv()).serverContext();
        } catch (dev.tnsrelay.tls.WalletException e) {
            throw new IOException("remote JMX: " + e.getMessage(), e);
        }
    }

    /** A new engine with the instance's listeners; the instance log hears of its start and of its end. */
    private RelayEngine newEngine(CmanInstance instance) {
        RelayEngine e = new RelayEngine(instance, settings.executor(), settings.clock(), registry, events);
        listeners.forEach(e::addListener);
        e.whenEnded(() -> log.stopped(e));
        return e;
    }

    private RelayEngine started(RelayEngine e) throws IOException {
        e.start();
        log.started(e);
        return e;
    }

    /** STARTUP: a new engine from cman.ora as it is now, on the same registry and event log. */
    private void startup() throws IOException {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("instance " + configured.name() + " is closed");
            }
            CmanInstance reread = config.reread();
            log.apply(reread.parameters());
            RelayEngine next = started(newEngine(reread));
            engine = next;
            lifecycle.notifyAll();
            if (mbeans != null) {
                try {
                    mbeans.syncGateways();
                } catch (JMException e) {
                    LOG.log(Level.WARNING, "tnsrelay: gateway MBeans not registered: {0}", e.getMessage());
                }
            }
        }
    }

    /** What the instance counts: the series of {@code /metrics} and the charts' samples. */
    public Statistics statistics() {
        return statistics;
    }

    /** The admin model: the one door of every surface. */
    public Administration administration() {
        return administration;
    }

    /** What the naming files make of a connect identifier (tnsnames, LDAP, Easy Connect, a descriptor). */
    public Resolution resolve(String identifier) {
        return naming.resolve(identifier);
    }

    /**
     * {@code descriptor} routed through this instance: SOURCE_ROUTE with its first listening address first. In a
     * cluster, through the gateway of every node that takes connections, with FAILOVER and LOAD_BALANCE on, so that
     * a client keeps connecting when a node dies.
     */
    public ConnectDescriptor throughGateway(ConnectDescriptor descriptor) {
        if (cluster != null) {
            List<Address> every = cluster.gateways();
            if (!every.isEmpty()) {
                return SourceRoutes.via(descriptor, every);
            }
        }
        return SourceRoutes.via(descriptor, gatewayAddress());
    }

    /** The addresses the engine listens on now; none when it does not run. */
    public List<InetSocketAddress> listenAddresses() {
        RelayEngine e = engine;
        return e == null || e.state() != EngineState.RUNNING ? List.of() : e.listenAddresses();
    }

    /** The address clients on this machine use to reach the gateway: its first listening address. */
    public Address gatewayAddress() {
        RelayEngine e = engine;
        if (e == null || e.state() != EngineState.RUNNING || e.listenAddresses().isEmpty()) {
            throw new IllegalStateException("the tnsrelay gateway is not running");
        }
        InetSocketAddress a = e.listenAddresses().get(0);
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        return Address.tcp(host, a.getPort());
    }

    /** The address remote JMX listens on, when it does. */
    public Optional<String> jmxAddress() {
        synchronized (lifecycle) {
            return Optional.ofNullable(remoteJmx).map(r -> r.address().toString());
        }
    }

    /**
     * Waits for the end: {@link EngineState#FAILED} when the engine fails (an {@link Error} in a loop), or
     * {@link EngineState#STOPPED} once the instance is closed. A shutdown by an administrator is no end: a
     * startup may follow, so the wait goes on. For a main that runs until it is told to stop.
     */
    public EngineState awaitEnd() throws InterruptedException {
        while (true) {
            RelayEngine current;
            synchronized (lifecycle) {
                if (closed) {
                    return EngineState.STOPPED;
                }
                current = engine;
            }
            current.awaitTermination(Duration.ofDays(36_500)); // the loops end on shutdown, failure or close
            synchronized (lifecycle) {
                if (current.state() == EngineState.FAILED && engine == current && !closed) {
                    return EngineState.FAILED;
                }
                while (!closed && engine == current) {
                    lifecycle.wait(); // an administrator's startup or the end of the process
                }
            }
        }
    }

    /** Stops remote JMX, the MBeans, then the engine (abort: every session closed), and waits for its loops. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            lifecycle.notifyAll();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (remoteJmx != null) {
            try {
                remoteJmx.close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "tnsrelay: remote JMX did not stop cleanly: {0}", e.getMessage());
            }
        }
        if (mbeans != null) {
            mbeans.close();
        }
        try {
            if (!sampler.stop(samplerStarted ? SAMPLER_STOP.toMillis() : 0) && samplerStarted) {
                LOG.log(Level.WARNING, "tnsrelay: the statistics sampler did not stop within {0} s",
                        SAMPLER_STOP.toSeconds());
            }
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
        }
        RelayEngine e = engine;
        if (e != null) {
            try {
                e.close();
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
            }
        }
        log.close();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** The admin model's hold on this instance: the engine of the moment, and STARTUP. */
    private final class Control implements InstanceControl {
        @Override
        public RelayEngine engine() {
            RelayEngine e = engine;
            if (e == null) {
                throw new IllegalStateException("instance " + configured.name() + " is not started");
            }
            return e;
        }

        @Override
        public void startup() throws IOException {
            ConnectionManager.this.startup();
        }

        @Override
        public void parametersChanged(CmanParameters now) throws IOException {
            log.apply(now);
        }
    }
}
