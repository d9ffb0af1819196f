package dev.tnsrelay.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code (NAME=value)} pair. Names are case-insensitive in Oracle Net and kept upper-case here; values
 * keep their case. Equality ignores where the pair was read, so a parsed and a printed-then-parsed pair
 * are equal.
 */
public record NvPair(String name, NvValue value, TextPosition position) {

    private static final TextPosition BUILT = new TextPosition("built", 0, 0);

    public NvPair {
        name = name.toUpperCase(Locale.ROOT);
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(position, "position");
    }

    /** A pair built in code, with a plain value. */
    public static NvPair of(String name, String atom) {
        return new NvPair(name, new NvValue.Atom(atom), BUILT);
    }

    /** A pair built in code, with a value made elsewhere (such as {@link NvValue.Atom#of}). */
    public static NvPair of(String name, NvValue value) {
        return new NvPair(name, value, BUILT);
    }

    /** A pair built in code, with nested pairs. */
    public static NvPair of(String name, NvPair... children) {
        return of(name, Arrays.asList(children));
    }

    public static NvPair of(String name, List<NvPair> children) {
        return new NvPair(name, new NvValue.Pairs(children), BUILT);
    }

    public boolean isAtom() {
        return value instanceof NvValue.Atom;
    }

    /** The plain value without quotes, or empty if the value is not plain text. */
    public Optional<String> atom() {
        return value instanceof NvValue.Atom a ? Optional.of(a.unquoted()) : Optional.empty();
    }

    /** The nested pairs; empty for a plain value. */
    public List<NvPair> children() {
        return value instanceof NvValue.Pairs p ? p.pairs() : List.of();
    }

    /** The last nested pair of that name (Oracle lets a later repetition win). */
    public Optional<NvPair> child(String childName) {
        NvPair found = null;
        for (NvPair c : children()) {
            if (c.name.equalsIgnoreCase(childName)) {
                found = c;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Every nested pair of that name, in order. */
    public List<NvPair> childrenNamed(String childName) {
        List<NvPair> found = new ArrayList<>();
        for (NvPair c : children()) {
            if (c.name.equalsIgnoreCase(childName)) {
                found.add(c);
            }
        }
        return found;
    }

    /** The plain value of the last nested pair of that name. */
    public Optional<String> text(String childName) {
        return child(childName).flatMap(NvPair::atom);
    }

    /** A copy with one more nested pair at the end (this pair must hold pairs). */
    public NvPair with(NvPair child) {
        List<NvPair> list = new ArrayList<>(children());
        list.add(child);
        return new NvPair(name, new NvValue.Pairs(list), position);
    }

    /** A copy with another list of nested pairs. */
    public NvPair withChildren(List<NvPair> newChildren) {
        return new NvPair(name, new NvValue.Pairs(newChildren), position);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NvPair other && name.equals(other.name) && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, value);
    }

    /** The canonical one-line form, as {@link NvPrinter#canonical(NvPair)}. */
    @Override
    public String toString() {
        return NvPrinter.canonical(this);
    }
}
