package dev.tnsrelay.gateway;

/**
 * Why a connect was refused: the Oracle error the client was sent and the kind of cause, so that refusals can
 * be counted by what an operator can act on.
 *
 * @param error the ORA number in the REFUSE (12529, 12519…)
 * @param detail a sentence for the log and the events
 */
public record Refusal(int error, Reason reason, String detail) {

    /** What the refusal is about. */
    public enum Reason {
        /** A rule rejected it, or none accepted it. */
        RULE,
        /** A limit: MAX_CONNECTIONS, every gateway suspended or full, a rate limit. */
        LIMIT,
        /** The service registry: unknown service, instances blocked, restricted or full. */
        REGISTRY,
        /** The next hop: unknown host, nobody listening, no answer in time, or its own REFUSE passed on. */
        NEXT_HOP,
        /** What the client sent: a descriptor that does not parse or routes into a loop. */
        BAD_INPUT
    }
}
