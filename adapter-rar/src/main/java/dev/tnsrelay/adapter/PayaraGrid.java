package dev.tnsrelay.adapter;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryMergedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.spi.merge.PutIfAbsentMergePolicy;
import dev.tnsrelay.grid.Grid;
import dev.tnsrelay.grid.GridMap;
import dev.tnsrelay.grid.GridMember;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The {@link Grid} on the Hazelcast instance Payara runs: the only class of tnsrelay that names Hazelcast. Maps
 * hold strings only, so no Hazelcast thread ever needs a class of the adapter's. Every {@code tnsrelay.*} map keeps
 * two backups and merges after a split by keeping the larger side's entries (PutIfAbsent): see docs/cluster.md.
 */
final class PayaraGrid implements Grid {

    /** The maps tnsrelay makes; the same configuration on every member, as Hazelcast requires. */
    static final String MAPS = "tnsrelay.*";

    private final HazelcastInstance hazelcast;

    PayaraGrid(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
        hazelcast.getConfig().addMapConfig(new MapConfig(MAPS).setBackupCount(2)
                .setMergePolicyConfig(new MergePolicyConfig(PutIfAbsentMergePolicy.class.getName(),
                        MergePolicyConfig.DEFAULT_BATCH_SIZE)));
    }

    @Override
    public String clusterName() {
        return hazelcast.getConfig().getClusterName();
    }

    @Override
    public GridMember self() {
        return member(hazelcast.getCluster().getLocalMember());
    }

    @Override
    public List<GridMember> members() {
        return hazelcast.getCluster().getMembers().stream().map(PayaraGrid::member).toList();
    }

    @Override
    public OptionalInt configuredMembers() {
        JoinConfig join = hazelcast.getConfig().getNetworkConfig().getJoin();
        if (!join.getTcpIpConfig().isEnabled()) {
            return OptionalInt.empty();
        }
        int count = 0;
        for (String entry : join.getTcpIpConfig().getMembers()) {
            for (String member : entry.split("[,;\\s]+")) {
                if (member.isBlank()) {
                    continue;
                }
                if (member.matches(".*\\d+-\\d+.*")) { // an address range: its size is not the cluster's
                    return OptionalInt.empty();
                }
                count++;
            }
        }
        return count == 0 ? OptionalInt.empty() : OptionalInt.of(count);
    }

    @Override
    public AutoCloseable onMembersChanged(Runnable changed) {
        UUID id = hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                changed.run();
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                changed.run();
            }
        });
        return () -> hazelcast.getCluster().removeMembershipListener(id);
    }

    @Override
    public GridMap map(String name) {
        return new HazelcastMap(hazelcast.getMap(name));
    }

    private static GridMember member(Member m) {
        return new GridMember(m.getUuid().toString(), m.getAddress().getHost() + ":" + m.getAddress().getPort());
    }

    /** One IMap of strings. */
    private record HazelcastMap(IMap<String, String> map) implements GridMap {

        @Override
        public Optional<String> get(String key) {
            return Optional.ofNullable(map.get(key));
        }

        @Override
        public Map<String, String> entries() {
            Map<String, String> copy = new HashMap<>();
            map.entrySet().forEach(e -> copy.put(e.getKey(), e.getValue()));
            return copy;
        }

        @Override
        public void put(String key, String value, Duration ttl) {
            map.set(key, value, ttl.toMillis(), TimeUnit.MILLISECONDS); // 0: no time-to-live
        }

        @Override
        public boolean putIfAbsent(String key, String value) {
            return map.putIfAbsent(key, value) == null;
        }

        @Override
        public boolean replace(String key, String expected, String value) {
            return map.replace(key, expected, value);
        }

        @Override
        public void remove(String key) {
            map.delete(key);
        }

        @Override
        public AutoCloseable listen(Listener listener) {
            UUID id = map.addEntryListener(new Changes(listener), true);
            return () -> map.removeEntryListener(id);
        }
    }

    /** Every kind of change as the new value, or none. */
    private record Changes(GridMap.Listener listener) implements EntryAddedListener<String, String>,
            EntryUpdatedListener<String, String>, EntryRemovedListener<String, String>,
            EntryExpiredListener<String, String>, EntryMergedListener<String, String> {

        @Override
        public void entryAdded(EntryEvent<String, String> event) {
            listener.changed(event.getKey(), Optional.ofNullable(event.getValue()));
        }

        @Override
        public void entryUpdated(EntryEvent<String, String> event) {
            listener.changed(event.getKey(), Optional.ofNullable(event.getValue()));
        }

        @Override
        public void entryMerged(EntryEvent<String, String> event) {
            listener.changed(event.getKey(), Optional.ofNullable(event.getValue()));
        }

        @Override
        public void entryRemoved(EntryEvent<String, String> event) {
            listener.changed(event.getKey(), Optional.empty());
        }

        @Override
        public void entryExpired(EntryEvent<String, String> event) {
            listener.changed(event.getKey(), Optional.empty());
        }
    }
}
