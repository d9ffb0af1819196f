package dev.tnsrelay.cluster;

import dev.tnsrelay.descriptor.Address;
import dev.tnsrelay.descriptor.ServerType;
import dev.tnsrelay.grid.GridMap;
import dev.tnsrelay.net.NvParser;
import dev.tnsrelay.registry.Handler;
import dev.tnsrelay.registry.HandlerState;
import dev.tnsrelay.registry.Registration;
import dev.tnsrelay.registry.RegistrationListener;
import dev.tnsrelay.registry.ServiceRegistry;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Service registrations for every node: a database that registers with one node (valid node checking is done
 * there) is routable from every node, each adding its own session counts to the load the database reported. In
 * the grid each registration lasts its time-to-live, as on the node; a node that dies takes none with it, and
 * its registrations expire as they would have.
 */
final class SharedRegistrations implements RegistrationListener, GridMap.Listener {

    static final String MAP = "tnsrelay.registrations";
    private static final System.Logger LOG = System.getLogger("dev.tnsrelay.cluster");

    private final GridMap map;
    private final String prefix;
    private final String self;
    private final String selfId;
    private final ServiceRegistry registry;
    private final Clock clock;
    /** True on a thread that is applying the grid's change here: it is not offered back to the grid. */
    private final ThreadLocal<Boolean> fromGrid = ThreadLocal.withInitial(() -> false);

    /**
     * @param self this node's name, shown where a registration came from
     * @param selfId this node's member id: its own registrations coming back from the grid are not news
     */
    SharedRegistrations(GridMap map, String instanceName, String self, String selfId, ServiceRegistry registry,
            Clock clock) {
        this.map = map;
        this.prefix = instanceName.toLowerCase(Locale.ROOT) + "/";
        this.self = self;
        this.selfId = selfId;
        this.registry = registry;
        this.clock = clock;
    }

    /** Before the gateways listen: every live registration of the cluster. */
    void join() {
        for (Map.Entry<String, String> e : map.entries().entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                adopt(e.getValue(), true);
            }
        }
    }

    @Override
    public void registered(Registration r, Optional<InetAddress> from, boolean renewal) {
        if (from.isPresent()) { // taken here from a database: static ones are each node's own configuration
            GridText t = new GridText().add("from", self, selfId).add("at", clock.millis())
                    .add("registration", r.service(), r.instance(), r.node(), r.ttl().toMillis());
            r.handlers().forEach(h -> t.add("handler", h.id(), h.address().toString(), h.server().name(), h.load(),
                    h.maxLoad(), h.state().name()));
            map.put(key(r.service(), r.instance()), t.toString(), r.ttl());
        }
    }

    @Override
    public void unregistered(String service, String instance) {
        if (!fromGrid.get()) {
            map.remove(key(service, instance));
        }
    }

    @Override
    public void changed(String key, Optional<String> value) {
        if (!key.startsWith(prefix)) {
            return;
        }
        if (value.isPresent()) {
            adopt(value.get(), false);
        } else {
            String[] parts = key.substring(prefix.length()).split("/", 2);
            if (parts.length == 2) {
                fromGrid.set(true);
                try {
                    registry.unregister(parts[0], parts[1]);
                } finally {
                    fromGrid.set(false);
                }
            }
        }
    }

    private void adopt(String text, boolean evenOwn) {
        try {
            GridText t = GridText.parse(text);
            List<String> from = t.fields("from").orElseThrow();
            if (!evenOwn && from.get(1).equals(selfId)) {
                return;
            }
            List<String> r = t.fields("registration").orElseThrow();
            long ttl = Long.parseLong(r.get(3));
            long left = ttl == 0 ? 0 : ttl - (clock.millis() - t.number("at"));
            if (ttl > 0 && left <= 0) {
                return;
            }
            List<Handler> handlers = new ArrayList<>();
            for (List<String> h : t.all("handler")) {
                handlers.add(new Handler(h.get(0), Address.from(NvParser.parse(h.get(1), "a registration")),
                        ServerType.valueOf(h.get(2)), Integer.parseInt(h.get(3)), Integer.parseInt(h.get(4)),
                        HandlerState.valueOf(h.get(5))));
            }
            registry.adopt(new Registration(r.get(0), r.get(1), r.get(2), handlers, Duration.ofMillis(left)),
                    from.get(0));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "tnsrelay: a registration from the cluster does not read: {0}", e.toString());
        }
    }

    private String key(String service, String instance) {
        return prefix + service.toLowerCase(Locale.ROOT) + "/" + instance.toLowerCase(Locale.ROOT);
    }
}
