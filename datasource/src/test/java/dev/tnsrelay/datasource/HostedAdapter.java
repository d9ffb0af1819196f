package dev.tnsrelay.datasource;

import dev.tnsrelay.adapter.AdminAccessObject;
import dev.tnsrelay.adapter.NetNamingFactory;
import dev.tnsrelay.adapter.NetNamingManagedConnectionFactory;
import dev.tnsrelay.adapter.TnsRelayResourceAdapter;
import dev.tnsrelay.admin.Administration;
import dev.tnsrelay.admin.Caller;
import dev.tnsrelay.admin.GatewayStatus;
import dev.tnsrelay.admin.users.Role;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.XATerminator;
import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Timer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The real tnsrelay adapter started as a server would start it (a WorkManager on a real pool), its naming factory
 * bound in JNDI where the DataSource looks: everything the DataSource meets in a server except the server.
 */
final class HostedAdapter implements AutoCloseable {

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final TnsRelayResourceAdapter adapter = new TnsRelayResourceAdapter();
    private final AdminAccessObject admin = new AdminAccessObject();
    final Path tnsAdmin;
    final NetNamingFactory naming;

    /** An instance on a free loopback port that admits local clients, with this TNS_ADMIN folder. */
    HostedAdapter(Path tnsAdmin) throws Exception {
        this.tnsAdmin = tnsAdmin;
        Files.writeString(tnsAdmin.resolve("cman.ora"), "cman_ds = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcp)"
                + "(HOST=127.0.0.1)(PORT=0))(RULE_LIST=(RULE=(SRC=127.0.0.1)(DST=*)(SRV=*)(ACT=accept))))\n");
        adapter.setTnsAdmin(tnsAdmin.toString());
        adapter.setStateDir(tnsAdmin.resolve("state").toString());
        adapter.setJmxPort(0);
        adapter.start(new Bootstrap(threads));
        admin.setResourceAdapter(adapter);
        NetNamingManagedConnectionFactory mcf = new NetNamingManagedConnectionFactory();
        mcf.setResourceAdapter(adapter);
        naming = (NetNamingFactory) mcf.createConnectionFactory();
        TestJndi.install();
        TestJndi.bind(NetServiceDataSource.DEFAULT_NAMING_RESOURCE, naming);
    }

    Administration administration() {
        return admin.administration();
    }

    /** Sessions the gateways have taken since the start, refused ones included. */
    long gatewaySessions() {
        return administration().gateways(new Caller("test", Role.MONITOR)).stream().mapToLong(GatewayStatus::total)
                .sum();
    }

    /** The gateway's port: the first address of any descriptor routed through it. */
    int gatewayPort() throws Exception {
        String routed = naming.resolveThroughGateway("(DESCRIPTION=(ADDRESS=(PROTOCOL=tcp)(HOST=db)(PORT=1)))").text();
        java.util.regex.Matcher port = java.util.regex.Pattern.compile("\\(PORT=(\\d+)\\)").matcher(routed);
        if (!port.find()) {
            throw new AssertionError("no gateway address in " + routed);
        }
        return Integer.parseInt(port.group(1));
    }

    @Override
    public void close() throws InterruptedException {
        TestJndi.unbind(NetServiceDataSource.DEFAULT_NAMING_RESOURCE);
        adapter.stop();
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** A server's bootstrap context reduced to what the adapter uses: a WorkManager on a real pool. */
    private record Bootstrap(ExecutorService pool) implements BootstrapContext {
        @Override
        public WorkManager getWorkManager() {
            return new WorkManager() {
                @Override
                public void doWork(Work work) {
                    work.run();
                }

                @Override
                public void doWork(Work work, long timeout, ExecutionContext ctx, WorkListener listener) {
                    work.run();
                }

                @Override
                public long startWork(Work work) {
                    pool.execute(work);
                    return 0;
                }

                @Override
                public long startWork(Work work, long timeout, ExecutionContext ctx, WorkListener listener) {
                    pool.execute(work);
                    return 0;
                }

                @Override
                public void scheduleWork(Work work) {
                    pool.execute(work);
                }

                @Override
                public void scheduleWork(Work work, long timeout, ExecutionContext ctx, WorkListener listener) {
                    pool.execute(work);
                }
            };
        }

        @Override
        public XATerminator getXATerminator() {
            return null;
        }

        @Override
        public Timer createTimer() {
            return new Timer(true);
        }

        @Override
        public boolean isContextSupported(Class<? extends WorkContext> type) {
            return false;
        }

        @Override
        public TransactionSynchronizationRegistry getTransactionSynchronizationRegistry() {
            return null;
        }
    }
}
