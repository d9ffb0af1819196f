package dev.tnsrelay.admin.jmx;

import dev.tnsrelay.admin.Administration;
import dev.tnsrelay.admin.AdminError;
import dev.tnsrelay.admin.Caller;
import dev.tnsrelay.admin.ConnectionFilter;
import dev.tnsrelay.admin.GatewayStatus;
import dev.tnsrelay.admin.InstanceStatus;
import dev.tnsrelay.admin.Problem;
import dev.tnsrelay.admin.RuleEntry;
import dev.tnsrelay.admin.cmctl.CmctlLayouts;
import dev.tnsrelay.admin.cmctl.SessionFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * Registers an instance's MXBeans (the instance, its rule list, its connections, its service registry, its cluster
 * and one per gateway) and unregisters them at its end. Every call goes to {@link Administration} in the caller's name (the
 * model checks the role); a failure reaches the console as a JDK type any console can read: a refused role as a
 * {@link SecurityException}, an administrator's mistake as an {@link IllegalArgumentException}, both with cmctl's
 * message.
 */
public final class AdminMBeans implements AutoCloseable {

    /** Who lists the gateways to register: the instance itself. */
    private static final Caller SELF = Caller.local("tnsrelay");

    private final MBeanServer server;
    private final Administration admin;
    private final String key;
    private final List<ObjectName> registered = new ArrayList<>();
    private final List<ObjectName> gateways = new ArrayList<>();

    private AdminMBeans(MBeanServer server, Administration admin, String key) {
        this.server = server;
        this.admin = admin;
        this.key = key;
    }

    /** @param key the instance's management name, {@code <instance>@<port>} */
    public static AdminMBeans register(MBeanServer server, Administration admin, String key) throws JMException {
        AdminMBeans beans = new AdminMBeans(server, admin, key);
        try {
            beans.add(ManagementNames.of("ServiceRegistry", key, null), new ServiceRegistryBean(admin),
                    ServiceRegistryMXBean.class);
            beans.add(ManagementNames.of("Instance", key, null), new Instance(admin), InstanceMXBean.class);
            beans.add(ManagementNames.of("RuleList", key, null), new Rules(admin), RuleListMXBean.class);
            beans.add(ManagementNames.of("Connections", key, null), new Connections(admin), ConnectionsMXBean.class);
            beans.add(ManagementNames.of("Cluster", key, null), new ClusterBean(admin), ClusterMXBean.class);
            beans.syncGateways();
        } catch (JMException | RuntimeException e) {
            beans.close();
            throw e;
        }
        return beans;
    }

    /** One Gateway MXBean per gateway of the engine now: a startup may start more or fewer than the last one. */
    public synchronized void syncGateways() throws JMException {
        int count = admin.gateways(SELF).size();
        while (gateways.size() > count) {
            ObjectName n = gateways.remove(gateways.size() - 1);
            unregister(n);
            registered.remove(n);
        }
        for (int id = gateways.size(); id < count; id++) {
            ObjectName n = ManagementNames.of("Gateway", key, id);
            add(n, new Gateway(admin, id), GatewayMXBean.class);
            gateways.add(n);
        }
    }

    private <T> void add(ObjectName name, T bean, Class<T> type) throws JMException {
        server.registerMBean(new StandardMBean(bean, type, true), name);
        registered.add(name);
    }

    @Override
    public synchronized void close() {
        registered.forEach(this::unregister);
        registered.clear();
        gateways.clear();
    }

    private void unregister(ObjectName n) {
        try {
            server.unregisterMBean(n);
        } catch (JMException e) {
            // already gone
        }
    }

    /** Runs an admin call; a failure the administrator caused reaches the console as a JDK exception. */
    static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            Problem p = Problem.of(e);
            if (p.kind() == AdminError.Kind.DENIED) {
                throw new SecurityException(p.message());
            }
            if (p.causedByUser() && e.getClass() != IllegalArgumentException.class) {
                throw new IllegalArgumentException(p.message());
            }
            throw e;
        }
    }

    static void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    private record Instance(Administration admin) implements InstanceMXBean {

        private InstanceStatus status() {
            return call(() -> admin.status(JmxCaller.caller()));
        }

        @Override
        public String getName() {
            return admin.instanceName();
        }

        @Override
        public String getState() {
            return status().state();
        }

        @Override
        public boolean isReady() {
            return admin.readiness().ready();
        }

        @Override
        public String getVersion() {
            return status().version();
        }

        @Override
        public String getStartDate() {
            return String.valueOf(status().started());
        }

        @Override
        public long getUptimeSeconds() {
            return status().uptimeSeconds();
        }

        @Override
        public String getConfigFile() {
            return status().configFile();
        }

        @Override
        public String getRulesFile() {
            return status().rulesFile();
        }

        @Override
        public List<String> getListeningAddresses() {
            return status().listening();
        }

        @Override
        public String getTlsProvider() {
            return status().tlsProvider();
        }

        @Override
        public List<String> getCertificates() {
            return status().certificates().stream().map(c -> c.role() + " " + c.subject() + " issuer " + c.issuer()
                    + " expires " + c.notAfter() + " (" + c.daysLeft() + " days)").toList();
        }

        @Override
        public Map<String, Long> getTlsHandshakeFailures() {
            return status().tlsFailures();
        }

        @Override
        public Map<String, String> getParameters() {
            Map<String, String> out = new LinkedHashMap<>();
            call(() -> admin.parameters(JmxCaller.caller())).forEach(p -> out.put(p.name(), p.value()));
            return out;
        }

        @Override
        public String getStatus() {
            return CmctlLayouts.status(status());
        }

        @Override
        public List<String> getRecentEvents() {
            return call(() -> admin.events(JmxCaller.caller(), 0, 100)).stream()
                    .map(e -> e.time() + " " + e.kind() + " " + e.text()).toList();
        }

        @Override
        public List<String> getBlockedAddresses() {
            return call(() -> admin.blocked(JmxCaller.caller())).stream()
                    .map(b -> b.address() + " on " + b.endpoint() + " since " + b.since() + " until " + b.until())
                    .toList();
        }

        @Override
        public void unblock(String address) {
            run(() -> admin.unblock(JmxCaller.caller(), address));
        }

        @Override
        public void setParameter(String name, String value) {
            run(() -> admin.set(JmxCaller.caller(), name, value));
        }

        @Override
        public void reload() {
            run(() -> admin.reload(JmxCaller.caller()));
        }

        @Override
        public void shutdownNormal() {
            run(() -> admin.shutdown(JmxCaller.caller(), false));
        }

        @Override
        public void shutdownAbort() {
            run(() -> admin.shutdown(JmxCaller.caller(), true));
        }

        @Override
        public void startup() {
            run(() -> admin.startup(JmxCaller.caller()));
        }
    }

    private record Gateway(Administration admin, int id) implements GatewayMXBean {

        private GatewayStatus now() {
            return call(() -> admin.gateways(JmxCaller.caller())).stream().filter(g -> g.id() == id).findFirst()
                    .orElseThrow(() -> new IllegalStateException("gateway " + id + " is gone"));
        }

        @Override
        public int getId() {
            return id;
        }

        @Override
        public String getState() {
            return now().state();
        }

        @Override
        public int getActiveConnections() {
            return now().active();
        }

        @Override
        public int getPeakActiveConnections() {
            return now().peak();
        }

        @Override
        public long getTotalConnections() {
            return now().total();
        }

        @Override
        public long getTotalConnectionsRefused() {
            return now().refused();
        }

        @Override
        public void suspend() {
            run(() -> admin.suspend(JmxCaller.caller(), List.of(id)));
        }

        @Override
        public void resume() {
            run(() -> admin.resume(JmxCaller.caller(), List.of(id)));
        }
    }

    private record Rules(Administration admin) implements RuleListMXBean {

        @Override
        public List<String> getRules() {
            return call(() -> admin.rules(JmxCaller.caller())).stream().map(RuleEntry::text).toList();
        }

        @Override
        public long getVersion() {
            return call(() -> admin.rulesVersion(JmxCaller.caller()));
        }

        @Override
        public String getPersistedIn() {
            return call(() -> admin.status(JmxCaller.caller())).rulesFile();
        }

        @Override
        public void add(String rule) {
            run(() -> admin.addRule(JmxCaller.caller(), rule));
        }

        @Override
        public void insert(int position, String rule) {
            run(() -> admin.insertRule(JmxCaller.caller(), position, rule));
        }

        @Override
        public void remove(int position) {
            run(() -> admin.removeRule(JmxCaller.caller(), position));
        }

        @Override
        public void move(int from, int to) {
            run(() -> admin.moveRule(JmxCaller.caller(), from, to));
        }

        @Override
        public void replace(List<String> rules) {
            run(() -> admin.replaceRules(JmxCaller.caller(), rules));
        }
    }

    private record Connections(Administration admin) implements ConnectionsMXBean {

        private static ConnectionFilter filter(String words) {
            return SessionFilter.parse(words);
        }

        @Override
        public List<ConnectionRow> show(String filter) {
            return call(() -> admin.connections(JmxCaller.caller(), filter(filter)).stream().map(ConnectionRow::of)
                    .toList());
        }

        @Override
        public int count(String filter) {
            return call(() -> admin.connections(JmxCaller.caller(), filter(filter)).size());
        }

        @Override
        public int close(String filter) {
            return call(() -> admin.close(JmxCaller.caller(), filter(filter)));
        }
    }
}
