package dev.tnsrelay.cluster;

import dev.tnsrelay.admin.users.Users;
import dev.tnsrelay.grid.GridMap;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The administrators of every node, so that one login works everywhere: each user's line of the users file
 * (name, role, PBKDF2 salt and hash; never a password) in the grid. A node's changes (bin/tnsrelay-passwd writes
 * its file) go to the grid within a second; the others write them to their own file at once, so that a node
 * started alone later still knows them. The last change of a user wins.
 */
final class SharedUsers implements GridMap.Listener {

    static final String MAP = "tnsrelay.users";
    private static final System.Logger LOG = System.getLogger("dev.tnsrelay.cluster");

    private final GridMap map;
    private final Users users;
    /** Each user's line as this node last agreed with the grid. */
    private final Map<String, String> synced = new HashMap<>();

    SharedUsers(GridMap map, Users users) {
        this.map = map;
        this.users = users;
    }

    /**
     * Before the first administrator is made: the cluster's users are taken, this node's others are given. A user
     * the cluster has already is the cluster's (the first {@code admin} of a new cluster is the first node's).
     */
    synchronized void join() {
        Map<String, String> local = users.lines();
        for (Map.Entry<String, String> e : local.entrySet()) {
            map.putIfAbsent(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, String> e : map.entries().entrySet()) {
            take(e.getKey(), e.getValue());
        }
    }

    /** This node's users that changed since they were last agreed go to the grid (a new one, a new password). */
    synchronized void push() {
        for (Map.Entry<String, String> e : users.lines().entrySet()) {
            if (!e.getValue().equals(synced.get(e.getKey()))) {
                if (!synced.containsKey(e.getKey()) && !map.putIfAbsent(e.getKey(), e.getValue())) {
                    map.get(e.getKey()).ifPresent(there -> take(e.getKey(), there)); // another node's came first
                    continue;
                }
                if (synced.containsKey(e.getKey())) {
                    map.put(e.getKey(), e.getValue(), java.time.Duration.ZERO);
                }
                synced.put(e.getKey(), e.getValue());
            }
        }
    }

    @Override
    public synchronized void changed(String name, Optional<String> line) {
        line.ifPresent(l -> take(name, l));
    }

    private void take(String name, String line) {
        try {
            String mine = users.lines().get(name);
            if (!line.equals(mine)) {
                users.adopt(line);
                LOG.log(Level.INFO, "tnsrelay: administrator {0} taken from the cluster{1}", name,
                        mine != null && name.equals("admin") ? " (a first admin password made here, if any, no"
                                + " longer applies: the cluster's admin is another node's)" : "");
            }
            synced.put(name, line);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "tnsrelay: administrator {0} from the cluster not taken: {1}", name, e.getMessage());
        }
    }
}
