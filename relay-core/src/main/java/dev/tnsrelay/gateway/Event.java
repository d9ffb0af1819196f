package dev.tnsrelay.gateway;

import java.time.Instant;

/**
 * Something that happened to the instance, for {@code show events} and the events screen: a refusal, a drop,
 * an administrator's action, a reload.
 *
 * @param kind a short word: {@code refused}, {@code dropped}, {@code admin}, {@code instance}
 */
public record Event(long sequence, Instant time, String kind, String text) {
}
