/**
 * Several servers as one, on a data grid ({@code dev.tnsrelay.grid}): the rule list (versioned, changed by
 * compare-and-set, refused without a majority), service registrations, administrators, each node's status, the
 * events and audit records of every node, and the connections and actions of any node, asked from any node. Only
 * strings go into the grid. Built by the instance when its host has a grid; the admin model sees it through
 * {@code admin.ClusterControl} and {@code admin.RuleListStore}.
 */
package dev.tnsrelay.cluster;
