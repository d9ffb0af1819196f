package dev.tnsrelay.config;

import dev.tnsrelay.descriptor.Address;
import dev.tnsrelay.descriptor.NetValues;
import dev.tnsrelay.descriptor.ServerType;
import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.net.NvPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A tnsrelay extension to CONFIGURATION: services registered in the file, for databases that do not register
 * themselves. They never expire.
 *
 * <pre>
 * (SERVICE_LIST=
 *   (SERVICE=(SERVICE_NAME=sales)(INSTANCE_NAME=sales1)
 *     (ADDRESS=(PROTOCOL=tcp)(HOST=db1)(PORT=1521))(SERVER=dedicated)(MAX_LOAD=200)))
 * </pre>
 * NODE defaults to the address's host, SERVER to dedicated, MAX_LOAD to 100. The engine registers each with
 * load 0, READY, so that the gateway's own sessions balance the instances.
 */
final class StaticServices {

    private static final Set<String> KEYS = Set.of("SERVICE_NAME", "INSTANCE_NAME", "NODE", "ADDRESS", "SERVER",
            "MAX_LOAD");

    private StaticServices() {
    }

    static List<StaticService> read(NvPair list) {
        List<StaticService> out = new ArrayList<>();
        for (NvPair service : list.children()) {
            if (!service.name().equals("SERVICE")) {
                throw new NetParseException(service.position(), "unknown name " + service.name() + " in SERVICE_LIST"
                        + NameSuggestions.hint(service.name(), Set.of("SERVICE")));
            }
            NetValues.requireContainer(service);
            for (NvPair key : service.children()) {
                if (!KEYS.contains(key.name())) {
                    throw new NetParseException(key.position(), "unknown name " + key.name() + " in SERVICE"
                            + NameSuggestions.hint(key.name(), KEYS));
                }
            }
            String name = required(service, "SERVICE_NAME");
            String instance = required(service, "INSTANCE_NAME");
            Address address = Address.from(service.child("ADDRESS").orElseThrow(() ->
                    new NetParseException(service.position(), "SERVICE " + name + " has no ADDRESS")));
            ServerType server = service.child("SERVER").map(ServerType::from).orElse(ServerType.DEDICATED);
            int maxLoad = service.child("MAX_LOAD").map(p -> NetValues.integer(p, 1, 1_000_000)).orElse(100);
            String node = service.text("NODE").map(String::strip).orElse(address.socketHost());
            out.add(new StaticService(name, instance, node, address, server, maxLoad));
        }
        return out;
    }

    private static String required(NvPair service, String key) {
        return service.child(key).map(NetValues::text).map(String::strip).filter(s -> !s.isEmpty())
                .orElseThrow(() -> new NetParseException(service.position(), "SERVICE has no " + key));
    }
}
