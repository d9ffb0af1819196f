package dev.tnsrelay.admin;

import java.util.List;

/** What an administrator may do to a whole node from any node of the cluster, as that node's model does it. */
public enum NodeAction {
    /** Every gateway takes no new connection; sessions go on (SUSPEND GATEWAY). */
    SUSPEND,
    /** Every gateway takes connections again (RESUME GATEWAY). */
    RESUME,
    /** The node stops listening and ends with its last session (SHUTDOWN NORMAL): load balancers leave it. */
    DRAIN,
    /** The node starts again after a drain or shutdown (STARTUP), with the cluster's rules. */
    STARTUP;

    /** Does it on this node, in the caller's name (the model checks the role and writes the audit log). */
    public void runOn(Administration admin, Caller caller) {
        switch (this) {
            case SUSPEND -> admin.suspend(caller, List.of());
            case RESUME -> admin.resume(caller, List.of());
            case DRAIN -> admin.shutdown(caller, false);
            case STARTUP -> admin.startup(caller);
        }
    }

    /** The word cmctl and the audit log use. */
    public String verb() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
