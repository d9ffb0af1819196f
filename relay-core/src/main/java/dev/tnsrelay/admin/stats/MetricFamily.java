package dev.tnsrelay.admin.stats;

import java.util.List;

/**
 * A metric as Prometheus's text format groups it: one name, one type, one help line, its series.
 *
 * @param name the family's name; a histogram's series add {@code _bucket}, {@code _sum} and {@code _count}
 */
public record MetricFamily(String name, Type type, String help, List<Series> series) {

    public enum Type {
        /** Only goes up (until the process restarts); {@code rate()} and {@code increase()} apply. */
        COUNTER,
        /** Goes up and down. */
        GAUGE,
        /** Cumulative buckets ({@code le}), a sum and a count. */
        HISTOGRAM
    }

    public MetricFamily {
        series = List.copyOf(series);
    }
}
