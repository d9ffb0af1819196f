package dev.tnsrelay.grid;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A cluster-wide map of strings, partitioned and backed up by the grid. Compare-and-set ({@link #replace}) is
 * atomic across the cluster: of two members replacing the same value, one succeeds.
 */
public interface GridMap {

    Optional<String> get(String key);

    /** Every entry now (a copy). */
    Map<String, String> entries();

    /** Puts {@code value}; it expires after {@code ttl} unless put again ({@link Duration#ZERO}: never). */
    void put(String key, String value, Duration ttl);

    /** Puts {@code value} when there is none; true if it was put. */
    boolean putIfAbsent(String key, String value);

    /** Replaces {@code expected} by {@code value}, atomically; false (nothing changed) when the value is another. */
    boolean replace(String key, String expected, String value);

    void remove(String key);

    /**
     * Calls {@code listener} for every change from now on, made by any member (this one too): the new value, or
     * empty when the entry was removed or expired. Closing the result stops the calls.
     */
    AutoCloseable listen(Listener listener);

    /** A change of one entry. */
    @FunctionalInterface
    interface Listener {
        void changed(String key, Optional<String> value);
    }
}
