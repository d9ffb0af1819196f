package dev.tnsrelay.rules;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A rule's SRC or DST made ready for evaluation on every connect: a subnet keeps its bytes and mask, so that a
 * check is a few byte comparisons with no allocation; a host name keeps its lower-case name for lookups.
 */
final class AddressMatcher {

    /** Whether the matcher covers an address: yes, no, or not before a name is looked up. */
    enum Answer { YES, NO, NEEDS_NAME }

    private final HostPattern pattern;
    private final byte[] network;
    private final int prefix;
    private final String name;

    AddressMatcher(HostPattern pattern) {
        this.pattern = pattern;
        if (pattern instanceof HostPattern.Subnet s) {
            network = s.network().getAddress();
            prefix = s.prefix();
            name = null;
        } else if (pattern instanceof HostPattern.HostName h) {
            network = null;
            prefix = 0;
            name = h.name();
        } else {
            network = null;
            prefix = 0;
            name = null;
        }
    }

    boolean any() {
        return pattern instanceof HostPattern.Any;
    }

    /** The host name this matcher needs looked up, or null for * and subnets. */
    String name() {
        return name;
    }

    /** True when the matcher is this host name (compared in any case). */
    boolean isName(String host) {
        return name != null && name.equals(host.toLowerCase(Locale.ROOT));
    }

    Answer covers(byte[] address, NameLookup names) {
        if (network != null) {
            return inSubnet(address) ? Answer.YES : Answer.NO;
        }
        if (name == null) {
            return Answer.YES;
        }
        Optional<List<InetAddress>> known = names.addressesOf(name);
        if (known.isEmpty()) {
            return Answer.NEEDS_NAME;
        }
        for (InetAddress a : known.get()) {
            if (java.util.Arrays.equals(a.getAddress(), address)) {
                return Answer.YES;
            }
        }
        return Answer.NO;
    }

    private boolean inSubnet(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int bits = prefix;
        for (int i = 0; i < network.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
            if ((network[i] & mask) != (address[i] & mask)) {
                return false;
            }
        }
        return true;
    }
}
