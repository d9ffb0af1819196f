package dev.tnsrelay.registry;

import dev.tnsrelay.descriptor.Address;
import dev.tnsrelay.descriptor.ServerType;

/**
 * One way into an instance: the address of its listener or dispatcher, what kind of server it gives, its load
 * and the most it takes, and its state.
 */
public record Handler(String id, Address address, ServerType server, int load, int maxLoad, HandlerState state) {

    public Handler {
        if (maxLoad < 1 || load < 0) {
            throw new IllegalArgumentException("handler " + id + ": load must be 0 or more and max load 1 or more");
        }
    }
}
