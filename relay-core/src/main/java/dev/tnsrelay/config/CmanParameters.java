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
     * A copy with one parameter changed: what cman.ora and SET both go through.
     *
     * @throws NotOfferedException when tnsrelay does not honour the value (or the parameter), with the reason
     * @throws IllegalArgumentException when the text is not a value of the parameter's type
     */
    public CmanParameters with(CmanParameter parameter, String text) {
        Map<CmanParameter, Object> copy = new EnumMap<>(values);
        copy.put(parameter, parameter.readOffered(text));
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

    /**
     * Every parameter tnsrelay offers with its value, in the order of {@link CmanParameter}: those it refuses
     * whatever their value are left out, so that {@code show parameters} shows no promise it does not keep.
     */
    public Map<CmanParameter, Object> asMap() {
        Map<CmanParameter, Object> offered = new EnumMap<>(CmanParameter.class);
        values.forEach((p, v) -> {
            if (p.support().offered()) {
                offered.put(p, v);
            }
        });
        return Collections.unmodifiableMap(offered);
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
