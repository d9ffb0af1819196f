package dev.tnsrelay.testing;

import dev.tnsrelay.grid.Grid;
import dev.tnsrelay.grid.GridMap;
import dev.tnsrelay.grid.GridMember;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A data grid in one JVM, for several instances in one test: one set of maps, members that join and leave, and
 * listeners called as Hazelcast calls them, on each member's own event thread, in order, after the change. Entries
 * expire by the clock given, when {@link #expire()} is called. Not the thing under test: the cluster package is;
 * the hosted test runs the real grid.
 */
public final class MemoryGrid implements AutoCloseable {

    private record Entry(String value, long expires) {
    }

    private record Subscription(Member member, String map, GridMap.Listener listener) {
    }

    private final String name;
    private final OptionalInt configured;
    private final Clock clock;
    private final Map<String, Map<String, Entry>> maps = new HashMap<>();
    private final List<Member> members = new CopyOnWriteArrayList<>();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    /** @param configured the members the cluster is configured with; 0: not known beforehand */
    public MemoryGrid(String name, int configured, Clock clock) {
        this.name = name;
        this.configured = configured == 0 ? OptionalInt.empty() : OptionalInt.of(configured);
        this.clock = clock;
    }

    /** A member joins: the others hear of it. */
    public Grid join(String address) {
        Member m = new Member(new GridMember(UUID.randomUUID().toString(), address));
        members.add(m);
        membersChanged();
        return m;
    }

    /** A member is gone (killed, cut off): its listeners stop, the others hear of it; the data stays. */
    public void leave(Grid member) {
        Member m = (Member) member;
        members.remove(m);
        subscriptions.removeIf(s -> s.member() == m);
        m.events.shutdownNow();
        membersChanged();
    }

    /** Removes what has expired by the clock, telling the listeners. */
    public void expire() {
        long now = clock.millis();
        synchronized (maps) {
            for (Map.Entry<String, Map<String, Entry>> m : maps.entrySet()) {
                for (String key : List.copyOf(m.getValue().keySet())) {
                    if (m.getValue().get(key).expires() <= now) {
                        m.getValue().remove(key);
                        tell(m.getKey(), key, Optional.empty());
                    }
                }
            }
        }
    }

    /** Puts a value as another side of a split would have left it, telling nobody: what a merge brings. */
    public void overwrite(String map, String key, String value) {
        synchronized (maps) {
            maps.computeIfAbsent(map, k -> new HashMap<>()).put(key, new Entry(value, Long.MAX_VALUE));
        }
    }

    /** The value now, as a test reads it. */
    public Optional<String> peek(String map, String key) {
        synchronized (maps) {
            return Optional.ofNullable(maps.getOrDefault(map, Map.of()).get(key)).map(Entry::value);
        }
    }

    /** Tells every member that the members changed (as a healed split does). */
    public void membersChanged() {
        for (Member m : members) {
            m.listeners.forEach(r -> m.events.execute(r));
        }
    }

    private void tell(String map, String key, Optional<String> value) {
        for (Subscription s : subscriptions) {
            if (s.map().equals(map)) {
                s.member().events.execute(() -> s.listener().changed(key, value));
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Member m : members) {
            m.events.shutdownNow();
            m.events.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private final class Member implements Grid {
        private final GridMember self;
        private final ExecutorService events = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "memory-grid-events");
            t.setDaemon(true);
            return t;
        });
        private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

        Member(GridMember self) {
            this.self = self;
        }

        @Override
        public String clusterName() {
            return name;
        }

        @Override
        public GridMember self() {
            return self;
        }

        @Override
        public List<GridMember> members() {
            List<GridMember> out = new ArrayList<>();
            members.forEach(m -> out.add(m.self));
            return out;
        }

        @Override
        public OptionalInt configuredMembers() {
            return configured;
        }

        @Override
        public AutoCloseable onMembersChanged(Runnable changed) {
            listeners.add(changed);
            return () -> listeners.remove(changed);
        }

        @Override
        public GridMap map(String mapName) {
            return new MemoryMap(this, mapName);
        }
    }

    private final class MemoryMap implements GridMap {
        private final Member member;
        private final String map;

        MemoryMap(Member member, String map) {
            this.member = member;
            this.map = map;
        }

        private Map<String, Entry> entries0() {
            Map<String, Entry> m = maps.computeIfAbsent(map, k -> new HashMap<>());
            long now = clock.millis();
            m.values().removeIf(e -> e.expires() <= now);
            return m;
        }

        @Override
        public Optional<String> get(String key) {
            synchronized (maps) {
                return Optional.ofNullable(entries0().get(key)).map(Entry::value);
            }
        }

        @Override
        public Map<String, String> entries() {
            synchronized (maps) {
                Map<String, String> out = new HashMap<>();
                entries0().forEach((k, e) -> out.put(k, e.value()));
                return out;
            }
        }

        @Override
        public void put(String key, String value, Duration ttl) {
            synchronized (maps) {
                entries0().put(key, new Entry(value, ttl.isZero() ? Long.MAX_VALUE : clock.millis() + ttl.toMillis()));
                tell(map, key, Optional.of(value));
            }
        }

        @Override
        public boolean putIfAbsent(String key, String value) {
            synchronized (maps) {
                if (entries0().containsKey(key)) {
                    return false;
                }
                put(key, value, Duration.ZERO);
                return true;
            }
        }

        @Override
        public boolean replace(String key, String expected, String value) {
            synchronized (maps) {
                Entry e = entries0().get(key);
                if (e == null || !e.value().equals(expected)) {
                    return false;
                }
                entries0().put(key, new Entry(value, e.expires()));
                tell(map, key, Optional.of(value));
                return true;
            }
        }

        @Override
        public void remove(String key) {
            synchronized (maps) {
                if (entries0().remove(key) != null) {
                    tell(map, key, Optional.empty());
                }
            }
        }

        @Override
        public AutoCloseable listen(Listener listener) {
            Subscription s = new Subscription(member, map, listener);
            subscriptions.add(s);
            return () -> subscriptions.remove(s);
        }
    }
}
