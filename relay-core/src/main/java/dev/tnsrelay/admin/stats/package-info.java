/**
 * The instance's statistics, counted once from the session listener SPI and the gateways' own counters: the
 * series behind Prometheus's {@code /metrics} (the WAR's MicroProfile Metrics gauges and the standalone
 * endpoint read the same ones), and an hour of samples for the screens' charts.
 */
package dev.tnsrelay.admin.stats;
