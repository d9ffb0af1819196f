package dev.tnsrelay.descriptor;

import dev.tnsrelay.net.NvPair;
import java.util.Optional;

/**
 * {@code (CONNECT_DATA=(SERVICE_NAME=…)(SID=…)(INSTANCE_NAME=…)(SERVER=…)…)}. Everything else a client adds
 * (CID, CONNECTION_ID, FAILOVER_MODE, HS…) stays in {@link #nv()}. A SERVER value that is not dedicated,
 * shared or pooled (real files hold {@code DEDICATED_1}) is kept in the tree but not typed: the listener
 * decides what it means, and a gateway must not refuse what a client sends.
 */
public record ConnectData(Optional<String> serviceName, Optional<String> sid, Optional<String> instanceName,
        Optional<ServerType> server, NvPair nv) {

    public static ConnectData from(NvPair pair) {
        NetValues.requireContainer(pair);
        return new ConnectData(
                pair.child("SERVICE_NAME").map(NetValues::text).map(String::strip),
                pair.child("SID").map(NetValues::text).map(String::strip),
                pair.child("INSTANCE_NAME").map(NetValues::text).map(String::strip),
                pair.child("SERVER").map(NetValues::text).flatMap(ServerType::known),
                pair);
    }

    /** The service the client asks for: SERVICE_NAME, else SID (as the listener falls back), else empty. */
    public Optional<String> service() {
        return serviceName.filter(s -> !s.isEmpty()).or(() -> sid.filter(s -> !s.isEmpty()));
    }
}
