package dev.tnsrelay.web;

import dev.tnsrelay.admin.stats.MetricFamily;
import dev.tnsrelay.admin.stats.Series;
import dev.tnsrelay.admin.stats.Statistics;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * tnsrelay's series on the server's {@code /metrics} (MicroProfile Metrics, application scope): one gauge per
 * series of the instance's statistics, each reading its value from relay-core when scraped — nothing is counted
 * here. MicroProfile Metrics 5.1 has no counter whose value comes from elsewhere (a Counter can only be
 * incremented), so the counters are registered as gauges: Payara writes {@code # TYPE … gauge} for them, while
 * their names ({@code _total}) and values (they only go up) are those of counters, and PromQL's {@code rate()}
 * reads them as such. Its registry has no hook at scrape time either, so the set of series (gateways come and go, a
 * refusal of a new kind adds one) is brought up to date every {@link #SYNC_SECONDS} s; an instance redeployed
 * under the WAR gets its series registered afresh.
 */
@ApplicationScoped
public class TnsrelayMetrics {

    private static final System.Logger LOG = System.getLogger("dev.tnsrelay.web");
    static final long SYNC_SECONDS = 2;

    @Inject
    MetricRegistry registry;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private Statistics source;
    private final Map<MetricID, Series> registered = new HashMap<>();
    private ScheduledFuture<?> sync;

    /** Starts with the application: the series are on /metrics from the first scrape after deployment. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object context) {
        sync = scheduler.scheduleWithFixedDelay(this::sync, 0, SYNC_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    synchronized void stop() {
        if (sync != null) {
            sync.cancel(false);
        }
        registered.keySet().forEach(registry::remove);
        registered.clear();
    }

    /** Registers the series the statistics have now and removes those they no longer have. */
    synchronized void sync() {
        try {
            Statistics now;
            try {
                now = AdminModel.admin().statistics();
            } catch (IllegalStateException adapterNotThere) {
                now = null;
            }
            if (now != source) {
                registered.keySet().forEach(registry::remove);
                registered.clear();
                source = now;
            }
            if (now == null) {
                return;
            }
            Set<MetricID> present = new HashSet<>();
            for (MetricFamily f : now.families()) {
                for (Series s : f.series()) {
                    MetricID id = new MetricID(s.name(), tags(s.labels()));
                    present.add(id);
                    if (!registered.containsKey(id)) {
                        Metadata m = Metadata.builder().withName(s.name()).withDescription(f.help()).build();
                        registry.gauge(m, () -> s.value().getAsDouble(), id.getTagsAsArray());
                        registered.put(id, s);
                    }
                }
            }
            for (MetricID gone : Set.copyOf(registered.keySet())) {
                if (!present.contains(gone)) {
                    registry.remove(gone);
                    registered.remove(gone);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "tnsrelay: metrics not brought up to date: " + e);
        }
    }

    private static Tag[] tags(Map<String, String> labels) {
        return labels.entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toArray(Tag[]::new);
    }
}
