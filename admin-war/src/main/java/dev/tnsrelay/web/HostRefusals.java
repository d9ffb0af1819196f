package dev.tnsrelay.web;

import dev.tnsrelay.logging.LogText;

/**
 * The server log's word on requests refused for their Host header: a rebinding page may send many, so at most one
 * line a minute, with how many were refused since the last line and the latest host and address (escaped and
 * bounded: {@link LogText}).
 */
final class HostRefusals {

    private static final System.Logger LOG = System.getLogger("dev.tnsrelay.web");
    private static final long INTERVAL_NANOS = 60_000_000_000L;

    private long lastLine = System.nanoTime() - INTERVAL_NANOS;
    private long unwritten;

    synchronized void refused(String host, String from) {
        unwritten++;
        long now = System.nanoTime();
        if (now - lastLine >= INTERVAL_NANOS) {
            LOG.log(System.Logger.Level.WARNING, "admin requests refused for their Host header: " + unwritten
                    + " since the last such line, the latest for host \"" + LogText.of(host, LogText.NAME) + "\" from "
                    + LogText.of(from, LogText.NAME) + " (names the server answers to: the adapter's adminHosts)");
            lastLine = now;
            unwritten = 0;
        }
    }
}
