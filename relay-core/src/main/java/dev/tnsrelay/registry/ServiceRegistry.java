package dev.tnsrelay.registry;

import dev.tnsrelay.config.CmanParameters;
import dev.tnsrelay.descriptor.ServerType;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Services → instances → handlers, shared by every gateway of an instance (thread-safe). A registration
 * replaces the instance's previous one and lasts its time-to-live; an expired one is ignored and purged.
 *
 * <p>Routing a connect by service ({@link #select}): the least-loaded node, then instance, then handler,
 * ties broken at random. Load is what the database reported plus the sessions this gateway has routed to the
 * handler since, so connections spread between refreshes. A handler whose load reaches its maximum is full.
 */
public final class ServiceRegistry {

    private record Entry(Registration registration, Instant expires) {
        boolean liveAt(Instant now) {
            return expires == null || now.isBefore(expires);
        }
    }

    private record Candidate(Entry entry, Handler handler, String key) {
    }

    private static final System.Logger LOG = System.getLogger("dev.tnsrelay.registry");

    private final Clock clock;
    private final NodePolicy policy;
    private final List<RegistrationListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, Map<String, Entry>> services = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> active = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> established = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> refused = new ConcurrentHashMap<>();
    /** Handlers the health check found failing: out of rotation until a check finds them answering. */
    private final java.util.Set<String> failing = ConcurrentHashMap.newKeySet();

    /** One handler to check: its service (for the probe's CONNECT), its instance and the handler. */
    public record Probe(String service, String instance, Handler handler) {
    }

    public ServiceRegistry(Clock clock, CmanParameters parameters) {
        this.clock = clock;
        this.policy = new NodePolicy(parameters);
    }

    /** Adds a listener to registrations; before the first one, so that it misses none. */
    public ServiceRegistry addListener(RegistrationListener l) {
        listeners.add(l);
        return this;
    }

    /** A dynamic registration from {@code from}, checked against the valid-node policy. */
    public void register(Registration r, InetAddress from) throws RegistrationRefusedException {
        try {
            policy.check(from, r.service());
        } catch (RegistrationRefusedException e) {
            tell(l -> l.refused(r, from, e.getMessage()));
            throw e;
        }
        boolean renewal = store(r);
        tell(l -> l.registered(r, Optional.of(from), renewal));
    }

    /** A static registration from configuration: no node check. */
    public void put(Registration r) {
        boolean renewal = store(r);
        tell(l -> l.registered(r, Optional.empty(), renewal));
    }

    /**
     * A registration that another server of the cluster took (its valid node checking was done there): routable
     * here too, with this server's own session counts added to its load.
     */
    public void adopt(Registration r, String fromNode) {
        boolean renewal = store(r);
        tell(l -> l.adopted(r, fromNode, renewal));
    }

    /** True if it replaced a live registration of the same service and instance. */
    private boolean store(Registration r) {
        Instant now = clock.instant();
        Instant expires = r.ttl().isZero() ? null : now.plus(r.ttl());
        Entry previous = services.computeIfAbsent(key(r.service()), k -> new ConcurrentHashMap<>())
                .put(key(r.instance()), new Entry(r, expires));
        return previous != null && previous.liveAt(now);
    }

    public void unregister(String service, String instance) {
        Map<String, Entry> instances = services.get(key(service));
        if (instances != null && instances.remove(key(instance)) != null) {
            tell(l -> l.unregistered(service, instance));
        }
    }

    private void tell(java.util.function.Consumer<RegistrationListener> event) {
        for (RegistrationListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "registration listener " + l.getClass().getName() + " failed", e);
            }
        }
    }

    /** Routes a connect that names {@code service}; the chosen handler counts one session until released. */
    public Selection select(String service, Optional<String> instanceName, Optional<ServerType> server, Random random) {
        Instant now = clock.instant();
        List<Entry> instances = live(service, now).stream()
                .filter(e -> instanceName.map(n -> n.equalsIgnoreCase(e.registration().instance())).orElse(true))
                .toList();
        if (instances.isEmpty()) {
            return refuse(service, Selection.Refused.UNKNOWN_SERVICE);
        }
        List<Candidate> matching = new ArrayList<>();
        for (Entry e : instances) {
            for (Handler h : e.registration().handlers()) {
                if (server.map(s -> s == h.server()).orElse(true)) {
                    matching.add(new Candidate(e, h, handlerKey(e.registration(), h)));
                }
            }
        }
        if (matching.isEmpty()) {
            return refuse(service, Selection.Refused.NO_HANDLER);
        }
        List<Candidate> ready = matching.stream().filter(c -> c.handler().state() == HandlerState.READY
                && !failing.contains(c.key()) && load(c) < c.handler().maxLoad()).toList();
        if (ready.isEmpty()) {
            return refuse(service, whyNone(matching));
        }
        Candidate chosen = leastLoaded(ready, c -> c.entry().registration().node(), random);
        chosen = leastLoaded(sameAs(ready, chosen, c -> c.entry().registration().node()),
                c -> c.entry().registration().instance(), random);
        chosen = leastLoaded(sameAs(ready, chosen, c -> c.entry().registration().instance()), Candidate::key, random);
        active.computeIfAbsent(chosen.key(), k -> new AtomicInteger()).incrementAndGet();
        established.computeIfAbsent(chosen.key(), k -> new AtomicLong()).incrementAndGet();
        return new Selection(chosen.handler(), chosen.entry().registration().instance(), null);
    }

    /** The session routed by a selection has ended. */
    public void release(String service, Selection s) {
        if (s.accepted()) {
            AtomicInteger n = active.get(key(service) + "/" + key(s.instance()) + "/" + s.handler().id());
            if (n != null) {
                n.decrementAndGet();
            }
        }
    }

    /** Every handler of every live registration, for the health check. */
    public List<Probe> probes() {
        Instant now = clock.instant();
        List<Probe> out = new ArrayList<>();
        for (String service : services.keySet()) {
            for (Entry e : live(service, now)) {
                e.registration().handlers().forEach(h -> out.add(new Probe(e.registration().service(),
                        e.registration().instance(), h)));
            }
        }
        return out;
    }

    /** The health check's verdict on a handler: failing ones leave the rotation, answering ones come back. */
    public void healthy(Probe probe, boolean answering) {
        String k = key(probe.service()) + "/" + key(probe.instance()) + "/" + probe.handler().id();
        if (answering) {
            failing.remove(k);
        } else {
            failing.add(k);
        }
    }

    /** Removes the registrations whose time-to-live has passed. */
    public void purgeExpired() {
        Instant now = clock.instant();
        services.values().forEach(m -> m.values().removeIf(e -> !e.liveAt(now)));
    }

    /** {@code show services}: an immutable snapshot of the live registrations. */
    public List<ServiceInfo> snapshot() {
        Instant now = clock.instant();
        List<ServiceInfo> out = new ArrayList<>();
        for (String service : services.keySet().stream().sorted().toList()) {
            List<ServiceInfo.InstanceInfo> instances = new ArrayList<>();
            String name = service;
            for (Entry e : live(service, now)) {
                name = e.registration().service();
                List<ServiceInfo.HandlerInfo> handlers = e.registration().handlers().stream()
                        .map(h -> {
                            String k = handlerKey(e.registration(), h);
                            return new ServiceInfo.HandlerInfo(h, count(active, k), count(established, k),
                                    !failing.contains(k));
                        }).toList();
                instances.add(new ServiceInfo.InstanceInfo(e.registration().instance(), e.registration().node(),
                        handlers, Optional.ofNullable(e.expires())));
            }
            if (!instances.isEmpty()) {
                out.add(new ServiceInfo(name, instances, refused.getOrDefault(service, new AtomicLong()).get()));
            }
        }
        return out;
    }

    private List<Entry> live(String service, Instant now) {
        Map<String, Entry> instances = services.get(key(service));
        if (instances == null) {
            return List.of();
        }
        return instances.values().stream().filter(e -> e.liveAt(now))
                .sorted(Comparator.comparing(e -> e.registration().instance())).toList();
    }

    private int load(Candidate c) {
        return c.handler().load() + count(active, c.key());
    }

    /** Among the candidates, the group (by {@code group}) with the lowest load ratio; a random one of the lowest. */
    private Candidate leastLoaded(List<Candidate> candidates, Function<Candidate, String> group, Random random) {
        Map<String, List<Candidate>> groups = candidates.stream().collect(Collectors.groupingBy(group));
        double best = Double.MAX_VALUE;
        List<String> lowest = new ArrayList<>();
        for (Map.Entry<String, List<Candidate>> g : groups.entrySet()) {
            double ratio = g.getValue().stream().mapToDouble(this::load).sum()
                    / g.getValue().stream().mapToDouble(c -> c.handler().maxLoad()).sum();
            if (ratio < best - 1e-9) {
                best = ratio;
                lowest.clear();
            }
            if (Math.abs(ratio - best) < 1e-9) {
                lowest.add(g.getKey());
            }
        }
        List<Candidate> pick = groups.get(lowest.get(random.nextInt(lowest.size())));
        return pick.get(random.nextInt(pick.size()));
    }

    private static List<Candidate> sameAs(List<Candidate> all, Candidate chosen, Function<Candidate, String> group) {
        String g = group.apply(chosen);
        return all.stream().filter(c -> group.apply(c).equals(g)).toList();
    }

    /** Why no handler takes the connect: restricted, blocking (or failing its health check), a mix, or full. */
    private Selection.Refused whyNone(List<Candidate> matching) {
        boolean restricted = matching.stream().anyMatch(c -> c.handler().state() == HandlerState.RESTRICTED);
        boolean blocked = matching.stream().anyMatch(c -> c.handler().state() == HandlerState.BLOCKED
                || c.handler().state() == HandlerState.READY && failing.contains(c.key()));
        boolean full = matching.stream().anyMatch(c -> c.handler().state() == HandlerState.READY
                && !failing.contains(c.key()));
        if (full) {
            return Selection.Refused.NO_HANDLER;
        }
        return restricted && blocked ? Selection.Refused.RESTRICTED_OR_BLOCKING
                : restricted ? Selection.Refused.ALL_RESTRICTED : Selection.Refused.ALL_BLOCKING;
    }

    private Selection refuse(String service, Selection.Refused error) {
        refused.computeIfAbsent(key(service), k -> new AtomicLong()).incrementAndGet();
        return Selection.refused(error);
    }

    private static String handlerKey(Registration r, Handler h) {
        return key(r.service()) + "/" + key(r.instance()) + "/" + h.id();
    }

    private static <T extends Number> int count(Map<String, T> counters, String k) {
        T n = counters.get(k);
        return n == null ? 0 : n.intValue();
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
