package dev.tnsrelay.gateway;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Connects in the handshake through this instance, counted by their connect data. A source route that leads
 * back into the gateway through an address it cannot recognise as its own (a NAT, a load balancer, a port
 * forwarder) brings the same connect data back while the first pass still waits for its next hop; past a
 * bound such passes are refused as a routing loop instead of filling every gateway.
 *
 * <p>The bound depends on whether the connect names itself: clients since Oracle 12c put a unique
 * CONNECTION_ID in every connect, so the same one in flight {@value #MAX_PASSES} times is a loop. Older clients
 * send none, and many of them may connect with the very same descriptor at the same instant; for them the bound
 * is {@value #MAX_ANONYMOUS_PASSES}.
 */
final class RouteLoops {

    /** Passes of a connect with a CONNECTION_ID through one instance at once; one more is refused (ORA-12564). */
    static final int MAX_PASSES = 8;
    /** The same for connect data without a CONNECTION_ID, which identical concurrent clients may share. */
    static final int MAX_ANONYMOUS_PASSES = 64;

    private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();

    /**
     * Counts one more pass; false (and nothing counted) when it would be one too many.
     *
     * @param identified the connect data carries a CONNECTION_ID
     */
    boolean enter(String connectData, boolean identified) {
        int limit = identified ? MAX_PASSES : MAX_ANONYMOUS_PASSES;
        boolean[] admitted = {true};
        inFlight.compute(connectData, (k, n) -> {
            int passes = n == null ? 0 : n;
            if (passes >= limit) {
                admitted[0] = false;
                return n;
            }
            return passes + 1;
        });
        return admitted[0];
    }

    /** The pass has left the handshake (established, refused or closed). */
    void leave(String connectData) {
        inFlight.computeIfPresent(connectData, (k, n) -> n <= 1 ? null : n - 1);
    }
}
