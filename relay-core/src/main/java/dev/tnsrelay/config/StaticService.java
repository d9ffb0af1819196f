package dev.tnsrelay.config;

import dev.tnsrelay.descriptor.Address;
import dev.tnsrelay.descriptor.ServerType;

/** One SERVICE of an instance's SERVICE_LIST: a service instance registered in the file. */
public record StaticService(String service, String instance, String node, Address address, ServerType server,
        int maxLoad) {
}
