package dev.tnsrelay.admin.jmx;

import dev.tnsrelay.admin.Administration;
import dev.tnsrelay.admin.Views;
import dev.tnsrelay.gateway.ManagementNames;
import dev.tnsrelay.registry.ServiceRegistry;
import dev.tnsrelay.registry.ServiceRegistryBean;
import dev.tnsrelay.registry.ServiceRegistryMXBean;
import java.lang.management.ManagementFactory;
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
 * Registers the admin model's MXBeans for one instance, and unregisters them at its end. Every call goes to
 * {@link Administration}, with the caller's name for the audit log; an administrator's mistake reaches the
 * console as an {@link IllegalArgumentException} carrying the TNS message (a JDK type any console can read).
 */
public final class AdminMBeans implements AutoCloseable {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final List<ObjectName> registered = new ArrayList<>();

    private AdminMBeans() {
    }

    /** @param key the instance's management name, {@code <instance>@<port>} */
    public static AdminMBeans register(Administration admin, ServiceRegistry registry, String key) throws JMException {
        AdminMBeans beans = new AdminMBeans();
        try {
            beans.add(ManagementNames.of("ServiceRegistry", key, null), new ServiceRegistryBean(registry),
                    ServiceRegistryMXBean.class);
            beans.add(ManagementNames.of("Instance", key, null), new Instance(admin), InstanceMXBean.class);
            beans.add(ManagementNames.of("RuleList", key, null), new Rules(admin), RuleListMXBean.class);
            beans.add(ManagementNames.of("Connections", key, null), new Connections(admin), ConnectionsMXBean.class);
            for (Views.Gateway g : admin.gateways()) {
                beans.add(ManagementNames.of("Gateway", key, g.id()), new Gateway(admin, g.id()), GatewayMXBean.class);
            }
        } catch (JMException | RuntimeException e) {
            beans.close();
            throw e;
        }
        return beans;
    }

    private <T> void add(ObjectName name, T bean, Class<T> type) throws JMException {
        server.registerMBean(new StandardMBean(bean, type, true), name);
        registered.add(name);
    }

    @Override
    public void close() {
        for (ObjectName n : registered) {
            try {
                server.unregisterMBean(n);
            } catch (JMException e) {
                // already gone
            }
        }
        registered.clear();
    }

    /** Runs an admin call; an administrator's mistake becomes an IllegalArgumentException with its message. */
    static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            if (e.getClass() != IllegalArgumentException.class && Administration.isUserError(e)) {
                throw new IllegalArgumentException(e.getMessage());
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

        @Override
        public String getName() {
            return admin.instanceName();
        }

        @Override
        public String getVersion() {
            return admin.status().version();
        }

        @Override
        public String getStartDate() {
            return admin.status().started().toString();
        }

        @Override
        public long getUptimeSeconds() {
            return admin.status().uptimeSeconds();
        }

        @Override
        public String getConfigFile() {
            return admin.status().configFile();
        }

        @Override
        public String getRulesFile() {
            return admin.rulesFile();
        }

        @Override
        public List<String> getListeningAddresses() {
            return admin.status().listening();
        }

        @Override
        public Map<String, String> getParameters() {
            Map<String, String> out = new LinkedHashMap<>();
            admin.parameters().forEach(p -> out.put(p.name(), p.value()));
            return out;
        }

        @Override
        public String getStatus() {
            return admin.cmctl(JmxCaller.name(), "show status");
        }

        @Override
        public List<String> getRecentEvents() {
            return admin.events(0, 100).stream().map(e -> e.time() + " " + e.kind() + " " + e.text()).toList();
        }

        @Override
        public void setParameter(String name, String value) {
            run(() -> admin.set(JmxCaller.name(), name, value));
        }

        @Override
        public void reload() {
            run(() -> admin.reload(JmxCaller.name()));
        }

        @Override
        public void shutdownNormal() {
            run(() -> admin.shutdown(JmxCaller.name(), false));
        }

        @Override
        public void shutdownAbort() {
            run(() -> admin.shutdown(JmxCaller.name(), true));
        }
    }

    private record Gateway(Administration admin, int id) implements GatewayMXBean {

        private Views.Gateway now() {
            return admin.gateways().stream().filter(g -> g.id() == id).findFirst().orElseThrow();
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
            run(() -> admin.suspend(JmxCaller.name(), id));
        }

        @Override
        public void resume() {
            run(() -> admin.resume(JmxCaller.name(), id));
        }
    }

    private record Rules(Administration admin) implements RuleListMXBean {

        @Override
        public List<String> getRules() {
            return admin.rules().stream().map(Views.RuleRow::text).toList();
        }

        @Override
        public String getPersistedIn() {
            return admin.rulesFile();
        }

        @Override
        public void add(String rule) {
            run(() -> admin.addRule(JmxCaller.name(), rule));
        }

        @Override
        public void insert(int position, String rule) {
            run(() -> admin.insertRule(JmxCaller.name(), position, rule));
        }

        @Override
        public void remove(int position) {
            run(() -> admin.removeRule(JmxCaller.name(), position));
        }

        @Override
        public void move(int from, int to) {
            run(() -> admin.moveRule(JmxCaller.name(), from, to));
        }

        @Override
        public void replace(List<String> rules) {
            run(() -> admin.replaceRules(JmxCaller.name(), rules));
        }
    }

    private record Connections(Administration admin) implements ConnectionsMXBean {

        @Override
        public List<ConnectionRow> show(String filter) {
            return call(() -> admin.connections(filter).stream().map(c -> new ConnectionRow(c.id(), c.client(),
                    c.server(), c.service(), c.gateway(), c.state(), c.ageSeconds(), c.idleSeconds(), c.bytesIn(),
                    c.bytesOut())).toList());
        }

        @Override
        public int count(String filter) {
            return call(() -> admin.connections(filter).size());
        }

        @Override
        public int close(String filter) {
            return call(() -> admin.close(JmxCaller.name(), filter));
        }
    }
}
