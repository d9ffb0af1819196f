package dev.tnsrelay.admin;

import dev.tnsrelay.config.CmanParameters;
import dev.tnsrelay.gateway.RelayEngine;
import java.io.IOException;

/**
 * What the admin model administers: the instance's engine of the moment, and STARTUP. An engine runs once; the
 * instance that owns the model builds a new one on the same service registry and event log.
 */
public interface InstanceControl {

    /** The engine now: running, draining, or the one that last stopped or failed. */
    RelayEngine engine();

    /**
     * A new engine from cman.ora as it is now, started; it becomes {@link #engine()}. On failure the last one
     * stays, and nothing is left open.
     */
    void startup() throws IOException;

    /**
     * The engine's parameters changed (SET, RELOAD): the instance's parts that follow them (the instance log) take
     * them now.
     *
     * @throws IOException when one cannot (a LOG_DIRECTORY that cannot be written); it stays as it was
     */
    void parametersChanged(CmanParameters now) throws IOException;
}
