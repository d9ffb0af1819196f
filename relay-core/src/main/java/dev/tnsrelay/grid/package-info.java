/**
 * The data grid as tnsrelay sees it, and all it sees of it: members, and maps of strings to strings with
 * compare-and-set, time-to-live and change listeners. Only JDK types cross this line, so the grid never holds
 * (or deserialises) a class of tnsrelay's. The host implements it (the adapter, on Payara's Hazelcast); the
 * {@code cluster} package builds the shared rules, registrations, administrators and views on it.
 */
package dev.tnsrelay.grid;
