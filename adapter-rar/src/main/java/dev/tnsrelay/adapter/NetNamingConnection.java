package dev.tnsrelay.adapter;

import jakarta.resource.ResourceException;

/** The connection handle of the naming connection definition; applications use {@link NetNamingFactory}. */
public interface NetNamingConnection extends AutoCloseable {

    Resolved resolve(String identifier, boolean throughGateway) throws ResourceException;

    @Override
    void close();
}
