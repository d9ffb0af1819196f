package dev.tnsrelay.config;

import java.util.List;
import java.util.Set;

/**
 * Whether tnsrelay does what a cman.ora parameter (or an ACTION_LIST key) asks for. A value tnsrelay does not
 * honour is refused, at load and at SET alike, with the reason and what to do instead: a parameter that is
 * accepted and ignored would be a promise nobody keeps.
 *
 * @param values the values accepted, as cman.ora writes them ({@code off}, {@code relay}); for a list, each
 *     element; empty for {@link Status#HONOURED} and {@link Status#REFUSED}
 * @param reason why the other values are refused, a sentence about tnsrelay; empty when nothing is refused
 * @param instead what to do instead; empty when nothing is refused
 */
public record Support(Status status, Set<String> values, String reason, String instead) {

    /** How far a parameter is honoured. */
    public enum Status {
        /** Every valid value does what Oracle documents. */
        HONOURED,
        /** Honoured for {@link #values}; the others are refused. */
        HONOURED_FOR,
        /**
         * Not offered; only {@link #values} are accepted, those that ask for what tnsrelay does anyway
         * ({@code off}, {@code no}), so that real files that say so still load.
         */
        OFF_ONLY,
        /** Not offered: every value is refused. */
        REFUSED
    }

    public Support {
        values = Set.copyOf(values);
    }

    static Support honoured() {
        return new Support(Status.HONOURED, Set.of(), "", "");
    }

    static Support honouredFor(Set<String> values, String reason, String instead) {
        return new Support(Status.HONOURED_FOR, values, reason, instead);
    }

    static Support offOnly(String value, String reason, String instead) {
        return new Support(Status.OFF_ONLY, Set.of(value), reason, instead);
    }

    static Support refused(String reason, String instead) {
        return new Support(Status.REFUSED, Set.of(), reason, instead);
    }

    /** True if some value of the parameter is accepted (it is not {@link Status#REFUSED}). */
    public boolean offered() {
        return status != Status.REFUSED;
    }

    /**
     * Checks values (one, or a list's elements) as cman.ora writes them.
     *
     * @throws NotOfferedException saying why, and what to do instead, when tnsrelay does not honour one
     */
    public void check(List<String> written) {
        switch (status) {
            case HONOURED -> {
            }
            case REFUSED -> throw new NotOfferedException(reason + "; instead, " + instead);
            case HONOURED_FOR, OFF_ONLY -> {
                for (String v : written) {
                    if (!values.contains(v)) {
                        throw new NotOfferedException("'" + v + "' is not offered: " + reason + "; instead, " + instead
                                + (status == Status.OFF_ONLY ? "; '" + values.iterator().next()
                                        + "' is accepted, as it asks for what tnsrelay does" : ""));
                    }
                }
            }
        }
    }
}
