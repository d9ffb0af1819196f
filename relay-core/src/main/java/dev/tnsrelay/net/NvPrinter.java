package dev.tnsrelay.net;

import java.util.stream.Collectors;

/**
 * Prints name–value pairs. The canonical form has upper-case names, no blanks between tokens and values
 * exactly as read; it parses back to an equal pair and prints the same again. (One exception to "no blanks": a
 * plain value that ends in a lone backslash, which the parser only reads at a line's end, is followed by one.)
 */
public final class NvPrinter {

    private NvPrinter() {
    }

    /** {@code (NAME=value)} on one line. */
    public static String canonical(NvPair pair) {
        StringBuilder out = new StringBuilder();
        canonical(pair, out);
        return out.toString();
    }

    private static void canonical(NvPair pair, StringBuilder out) {
        out.append('(').append(pair.name()).append('=');
        value(pair.value(), out);
        out.append(')');
    }

    /** A value on one line: the text of an atom, the pairs side by side, or {@code (a, b)}. */
    public static String canonical(NvValue value) {
        StringBuilder out = new StringBuilder();
        value(value, out);
        return out.toString();
    }

    private static void value(NvValue value, StringBuilder out) {
        if (value instanceof NvValue.Atom a) {
            out.append(a.text());
            if (endsInALoneBackslash(a)) {
                // read where its line ended; before a ')' it would escape the ')'
                out.append('\n');
            }
        } else if (value instanceof NvValue.Pairs p) {
            p.pairs().forEach(child -> canonical(child, out));
        } else if (value instanceof NvValue.Items i) {
            out.append(i.items().stream().map(NvValue.Atom::text).collect(Collectors.joining(", ", "(", ")")));
        }
    }

    /** A plain value whose last backslash escapes nothing: the parser ended it at a line's end. */
    private static boolean endsInALoneBackslash(NvValue.Atom a) {
        String t = a.text();
        int backslashes = 0;
        while (backslashes < t.length() && t.charAt(t.length() - 1 - backslashes) == '\\') {
            backslashes++;
        }
        return backslashes % 2 == 1 && !a.isQuoted();
    }

    /**
     * The layout Oracle's tools write: a pair whose values are all plain stays on one line, others open
     * one line per child, indented by two.
     */
    public static String pretty(NvPair pair) {
        StringBuilder out = new StringBuilder();
        pretty(pair, 0, out);
        return out.toString();
    }

    private static void pretty(NvPair pair, int indent, StringBuilder out) {
        String pad = " ".repeat(indent);
        boolean flat = pair.children().stream().allMatch(c -> c.children().isEmpty());
        if (flat) {
            out.append(pad).append('(').append(pair.name()).append(" = ");
            if (pair.value() instanceof NvValue.Pairs p) {
                p.pairs().forEach(c -> out.append('(').append(c.name()).append(" = ")
                        .append(canonical(c.value())).append(')'));
            } else {
                value(pair.value(), out);
            }
            out.append(")\n");
            return;
        }
        out.append(pad).append('(').append(pair.name()).append(" =\n");
        pair.children().forEach(c -> pretty(c, indent + 2, out));
        out.append(pad).append(")\n");
    }
}
