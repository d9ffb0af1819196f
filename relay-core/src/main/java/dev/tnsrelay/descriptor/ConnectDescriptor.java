package dev.tnsrelay.descriptor;

import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.net.NvPair;
import dev.tnsrelay.net.NvParser;
import java.util.List;
import java.util.Optional;

/**
 * A connect descriptor: a {@code DESCRIPTION_LIST} of descriptions, a single {@code DESCRIPTION}, or a bare
 * {@code ADDRESS}/{@code ADDRESS_LIST} (how tnsnames.ora names a listener). The name–value tree is kept
 * whole ({@link #nv()}), so printing gives back every key that was read, known or not.
 *
 * <p>A DESCRIPTION_LIST has FAILOVER and LOAD_BALANCE on unless it says otherwise.
 */
public final class ConnectDescriptor {

    private final NvPair nv;
    private final List<Description> descriptions;
    private final boolean failover;
    private final boolean loadBalance;

    private ConnectDescriptor(NvPair nv, List<Description> descriptions, boolean failover, boolean loadBalance) {
        this.nv = nv;
        this.descriptions = List.copyOf(descriptions);
        this.failover = failover;
        this.loadBalance = loadBalance;
    }

    /** Parses descriptor text such as {@code (DESCRIPTION=(ADDRESS=…)(CONNECT_DATA=…))}. */
    public static ConnectDescriptor parse(String text, String source) {
        return of(NvParser.parse(text, source));
    }

    public static ConnectDescriptor of(NvPair pair) {
        switch (pair.name()) {
            case "DESCRIPTION_LIST" -> {
                NetValues.requireContainer(pair);
                List<Description> list = pair.childrenNamed("DESCRIPTION").stream().map(Description::from).toList();
                if (list.isEmpty()) {
                    throw new NetParseException(pair.position(), "DESCRIPTION_LIST holds no DESCRIPTION");
                }
                return new ConnectDescriptor(pair, list, Switches.failover(pair, true),
                        Switches.flag(pair, "LOAD_BALANCE", true));
            }
            case "DESCRIPTION" -> {
                return new ConnectDescriptor(pair, List.of(Description.from(pair)), true, false);
            }
            case "ADDRESS", "ADDRESS_LIST" -> {
                return new ConnectDescriptor(pair, List.of(Description.ofAddresses(pair)), true, false);
            }
            default -> throw new NetParseException(pair.position(),
                    "expected DESCRIPTION_LIST, DESCRIPTION, ADDRESS_LIST or ADDRESS, found " + pair.name());
        }
    }

    public NvPair nv() {
        return nv;
    }

    public List<Description> descriptions() {
        return descriptions;
    }

    public boolean isList() {
        return nv.name().equals("DESCRIPTION_LIST");
    }

    /** For a DESCRIPTION_LIST: whether the next description is tried when one fails (default on). */
    public boolean failover() {
        return failover;
    }

    /** For a DESCRIPTION_LIST: whether descriptions are tried in random order (default on). */
    public boolean loadBalance() {
        return loadBalance;
    }

    /** The CONNECT_DATA of the first description that has one. */
    public Optional<ConnectData> connectData() {
        return descriptions.stream().flatMap(d -> d.connectData().stream()).findFirst();
    }

    /** Fails when no description has an address. */
    public ConnectDescriptor requireAddress() {
        descriptions.forEach(Description::requireAddress);
        return this;
    }

    /** The canonical one-line text. */
    @Override
    public String toString() {
        return nv.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectDescriptor other && nv.equals(other.nv);
    }

    @Override
    public int hashCode() {
        return nv.hashCode();
    }
}
