package dev.tnsrelay.descriptor;

import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.net.NvPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code (DESCRIPTION=…)}: the addresses to try, what to ask for once connected, and how to try. Defaults
 * as Oracle documents them: FAILOVER on, LOAD_BALANCE off, SOURCE_ROUTE off, RETRY_COUNT 0,
 * RETRY_DELAY 1 second.
 */
public record Description(List<AddressNode> nodes, Optional<ConnectData> connectData, boolean failover,
        boolean loadBalance, boolean sourceRoute, Optional<Duration> connectTimeout,
        Optional<Duration> transportConnectTimeout, int retryCount, Duration retryDelay, OptionalInt sdu,
        Optional<NvPair> security, NvPair nv) {

    /** The largest SDU Oracle Net negotiates (2 MB). */
    public static final int MAX_SDU = 2_097_152;

    public Description {
        nodes = List.copyOf(nodes);
    }

    public static Description from(NvPair pair) {
        NetValues.requireContainer(pair);
        Optional<NvPair> security = pair.child("SECURITY");
        security.ifPresent(NetValues::requireContainer);
        return new Description(
                AddressList.nodesOf(pair),
                pair.child("CONNECT_DATA").map(ConnectData::from),
                Switches.failover(pair, true),
                Switches.flag(pair, "LOAD_BALANCE", false),
                Switches.flag(pair, "SOURCE_ROUTE", false),
                pair.child("CONNECT_TIMEOUT").map(NetValues::duration),
                pair.child("TRANSPORT_CONNECT_TIMEOUT").map(NetValues::duration),
                pair.child("RETRY_COUNT").map(p -> NetValues.integer(p, 0, 1000)).orElse(0),
                pair.child("RETRY_DELAY").map(NetValues::duration).orElse(Duration.ofSeconds(1)),
                pair.child("SDU").map(p -> OptionalInt.of(NetValues.integer(p, 0, MAX_SDU))).orElse(OptionalInt.empty()),
                security,
                pair);
    }

    /** A bare ADDRESS or ADDRESS_LIST (a listener entry in tnsnames.ora) read as a description of it alone. */
    static Description ofAddresses(NvPair addressOrList) {
        AddressNode node = addressOrList.name().equals("ADDRESS")
                ? Address.from(addressOrList) : AddressList.from(addressOrList);
        return new Description(List.of(node), Optional.empty(), true, false, false, Optional.empty(),
                Optional.empty(), 0, Duration.ofSeconds(1), OptionalInt.empty(), Optional.empty(), addressOrList);
    }

    /** Every ADDRESS, in document order, whatever the lists around it. */
    public List<Address> addresses() {
        List<Address> all = new ArrayList<>();
        nodes.forEach(n -> all.addAll(n.addresses()));
        return all;
    }

    /** Fails when there is no address to connect to: what a client needs of a resolved name. */
    public void requireAddress() {
        if (addresses().isEmpty()) {
            throw new NetParseException(nv.position(), nv.name() + " has no ADDRESS to connect to");
        }
    }
}
