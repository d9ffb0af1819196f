package dev.tnsrelay.admin.stats;

import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * One time series: a sample name ({@code tnsrelay_bytes_in_total}, {@code …_bucket} of a histogram), its labels
 * in order, and its value read live when asked (a scrape). The labels' values are tnsrelay's own words (gateway
 * ids, reasons, error numbers, states), never text a client sent.
 */
public record Series(String name, Map<String, String> labels, DoubleSupplier value) {

    public Series {
        labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
    }

    /** The name and labels as Prometheus writes them: {@code name{a="x",b="y"}}. */
    public String key() {
        if (labels.isEmpty()) {
            return name;
        }
        StringBuilder out = new StringBuilder(name).append('{');
        labels.forEach((k, v) -> out.append(k).append("=\"").append(v).append("\","));
        out.setLength(out.length() - 1);
        return out.append('}').toString();
    }
}
