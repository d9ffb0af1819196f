package dev.tnsrelay.admin;

import java.time.Instant;

/**
 * Something that happened to the instance ({@code show events}): a refusal, a drop, an administrator's action, a
 * start or stop.
 *
 * @param kind a short word: {@code refused}, {@code dropped}, {@code admin}, {@code instance}, {@code cluster} (a rule
 *        list applied from the cluster, or a change of it dropped after a split)
 */
public record AdminEvent(long sequence, Instant time, String kind, String text) {

    static AdminEvent of(dev.tnsrelay.gateway.Event e) {
        return new AdminEvent(e.sequence(), e.time(), e.kind(), e.text());
    }
}
