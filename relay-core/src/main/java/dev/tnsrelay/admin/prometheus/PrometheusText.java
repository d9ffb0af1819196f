package dev.tnsrelay.admin.prometheus;

import dev.tnsrelay.admin.stats.MetricFamily;
import dev.tnsrelay.admin.stats.Series;
import java.util.List;
import java.util.Locale;

/**
 * Prometheus's text exposition format, version 0.0.4: a HELP and a TYPE line per family, one line per series.
 * Written here rather than with Prometheus's Java client, which would bring a registry of its own beside the
 * statistics it would only copy: the format is a few lines.
 */
public final class PrometheusText {

    /** The content type scrapers ask for. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {
    }

    public static String of(List<MetricFamily> families) {
        StringBuilder out = new StringBuilder(4096);
        for (MetricFamily f : families) {
            if (f.series().isEmpty()) {
                continue;
            }
            out.append("# HELP ").append(f.name()).append(' ').append(escape(f.help(), false)).append('\n');
            out.append("# TYPE ").append(f.name()).append(' ').append(f.type().name().toLowerCase(Locale.ROOT))
                    .append('\n');
            for (Series s : f.series()) {
                out.append(s.name());
                if (!s.labels().isEmpty()) {
                    out.append('{');
                    s.labels().forEach((k, v) -> out.append(k).append("=\"").append(escape(v, true)).append("\","));
                    out.setCharAt(out.length() - 1, '}');
                }
                out.append(' ').append(number(s.value().getAsDouble())).append('\n');
            }
        }
        return out.toString();
    }

    /** Whole numbers without a fraction (counters stay exact to 2^53), others as Java writes doubles. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String escape(String text, boolean quoted) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '"' -> out.append(quoted ? "\\\"" : "\"");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
