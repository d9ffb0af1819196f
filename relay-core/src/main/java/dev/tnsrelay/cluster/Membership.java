package dev.tnsrelay.cluster;

import java.util.Optional;

/** What the shared rule list needs of the cluster around it. */
interface Membership {

    /** Why rule list changes are refused now (too few members for a majority); empty when they are taken. */
    Optional<String> noQuorum();

    /** This node's status has changed (a rule list applied): tell the others now, not at the next second. */
    void nudge();

    /** Waits, at most a second, until every other member applies rule list {@code version} or a later one. */
    void awaitRules(long version);
}
