package dev.tnsrelay.grid;

import java.util.List;
import java.util.OptionalInt;

/**
 * A data grid this instance is a member of. Every method may be called from any thread; a listener is called on
 * one of the grid's own threads, which it must not hold for long.
 */
public interface Grid {

    /** The cluster's name, as its members were started with ({@code --clustername}). */
    String clusterName();

    /** This member. */
    GridMember self();

    /** The members now, the oldest first. */
    List<GridMember> members();

    /**
     * How many members the cluster was configured with, when the configuration names them (a TCP/IP member
     * list); empty when members find each other (multicast, DNS) and their number is not known beforehand.
     */
    OptionalInt configuredMembers();

    /** Calls {@code changed} after a member joined or left; closing the result stops the calls. */
    AutoCloseable onMembersChanged(Runnable changed);

    /** The cluster-wide map of that name: made on first use, the same map on every member. */
    GridMap map(String name);
}
