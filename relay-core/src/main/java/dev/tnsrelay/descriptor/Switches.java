package dev.tnsrelay.descriptor;

import dev.tnsrelay.net.NvPair;

/** The ON/OFF switches of descriptors and address lists, with the default when a switch is absent. */
final class Switches {

    private Switches() {
    }

    static boolean flag(NvPair pair, String name, boolean absent) {
        return pair.child(name).map(NetValues::text).map(NetValues::isOn).orElse(absent);
    }

    /** FAILOVER, also spelled FAIL_OVER in files written by some tools. */
    static boolean failover(NvPair pair, boolean absent) {
        return pair.child("FAILOVER").or(() -> pair.child("FAIL_OVER"))
                .map(NetValues::text).map(NetValues::isOn).orElse(absent);
    }
}
