/**
 * The instance's statistics in Prometheus's text format, and the endpoint that serves them when no application
 * server does ({@code bin/tnsrelay-standalone --metrics}); hosted, the WAR gives the same series to MicroProfile
 * Metrics.
 */
package dev.tnsrelay.admin.prometheus;
