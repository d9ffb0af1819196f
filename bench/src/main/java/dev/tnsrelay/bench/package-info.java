/**
 * The benchmark: the same work through tnsrelay (standalone and hosted), HAProxy in TCP mode and a direct
 * connection, measured in one run; and JMH micro-benchmarks of the hot paths. Not part of the test run.
 */
package dev.tnsrelay.bench;
