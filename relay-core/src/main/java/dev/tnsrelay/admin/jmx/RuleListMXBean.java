package dev.tnsrelay.admin.jmx;

import java.util.List;

/**
 * {@code dev.tnsrelay:type=RuleList,name="<instance>@<port>"}: the instance's rules in order, first match wins.
 * Positions count from 1. A change is checked whole (a rule that does not read fails with its column), written
 * to the cman.ora named by {@link #getPersistedIn()}, then applied to new connections in one step.
 */
public interface RuleListMXBean {

    /** Each rule as cman.ora writes it. */
    List<String> getRules();

    /** The list's version: every change moves it on by one (in a cluster, the cluster's version). */
    long getVersion();

    String getPersistedIn();

    /** Appends {@code (RULE=(SRC=…)(DST=…)(SRV=…)(ACT=…))}. */
    void add(String rule);

    /** Puts the rule at {@code position}; 1 is tried first. */
    void insert(int position, String rule);

    void remove(int position);

    void move(int from, int to);

    /** The whole list at once. */
    void replace(List<String> rules);
}
