package dev.tnsrelay.admin.jmx;

import dev.tnsrelay.admin.Administration;
import dev.tnsrelay.admin.ClusterEvent;
import dev.tnsrelay.admin.cmctl.ClusterLayouts;
import java.util.List;

/** The MXBean over the admin model's cluster views and node actions, in the JMX caller's name. */
final class ClusterBean implements ClusterMXBean {

    private final Administration admin;

    ClusterBean(Administration admin) {
        this.admin = admin;
    }

    @Override
    public String getName() {
        return AdminMBeans.call(() -> admin.cluster().status(JmxCaller.caller()).cluster());
    }

    @Override
    public List<ClusterMemberRow> getMembers() {
        return AdminMBeans.call(() -> admin.cluster().status(JmxCaller.caller()).members().stream()
                .map(ClusterMemberRow::of).toList());
    }

    @Override
    public long getRulesVersion() {
        return AdminMBeans.call(() -> admin.rulesVersion(JmxCaller.caller()));
    }

    @Override
    public String getStatus() {
        return AdminMBeans.call(() -> ClusterLayouts.status(admin.cluster().status(JmxCaller.caller())));
    }

    @Override
    public List<String> getEvents() {
        return AdminMBeans.call(() -> lines(admin.cluster().events(JmxCaller.caller(), 200)));
    }

    @Override
    public List<String> getAudit() {
        return AdminMBeans.call(() -> lines(admin.cluster().audit(JmxCaller.caller(), 200)));
    }

    private static List<String> lines(List<ClusterEvent> events) {
        return events.stream().map(e -> e.time() + " " + e.node() + " " + e.kind() + " " + e.text()).toList();
    }

    @Override
    public void suspend(String node) {
        AdminMBeans.run(() -> admin.cluster().suspend(JmxCaller.caller(), node));
    }

    @Override
    public void resume(String node) {
        AdminMBeans.run(() -> admin.cluster().resume(JmxCaller.caller(), node));
    }

    @Override
    public void drain(String node) {
        AdminMBeans.run(() -> admin.cluster().drain(JmxCaller.caller(), node));
    }

    @Override
    public void startup(String node) {
        AdminMBeans.run(() -> admin.cluster().startup(JmxCaller.caller(), node));
    }
}
