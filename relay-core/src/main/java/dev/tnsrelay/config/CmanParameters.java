package dev.tnsrelay.config;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The parameters of one instance: every {@link CmanParameter}, from the file or its default. Immutable. */
public final class CmanParameters {

    private final Map<CmanParameter, Object> values;

    private CmanParameters(Map<CmanParameter, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static CmanParameters defaults() {
        Map<CmanParameter, Object> values = new EnumMap<>(CmanParameter.class);
        for (CmanParameter p : CmanParameter.values()) {
            values.put(p, p.defaultValue());
        }
        return new CmanParameters(values);
    }

    /**
     * A copy with one parameter changed.
     *
     * @throws IllegalArgumentException when the text is not a value of the parameter's type
     */
    public CmanParameters with(CmanParameter parameter, String text) {
        Map<CmanParameter, Object> copy = new EnumMap<>(values);
        copy.put(parameter, parameter.read(text));
        return new CmanParameters(copy);
    }

    public Duration duration(CmanParameter p) {
        return (Duration) values.get(p);
    }

    public int number(CmanParameter p) {
        return (Integer) values.get(p);
    }

    public boolean isOn(CmanParameter p) {
        return (Boolean) values.get(p);
    }

    /** The value as cman.ora writes it ({@code 60} for 60 seconds, {@code on}). */
    public String text(CmanParameter p) {
        return p.write(values.get(p));
    }

    @SuppressWarnings("unchecked")
    public List<String> list(CmanParameter p) {
        return (List<String>) values.get(p);
    }

    /** Every parameter with its value, in the order of {@link CmanParameter}. */
    public Map<CmanParameter, Object> asMap() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CmanParameters other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }
}
