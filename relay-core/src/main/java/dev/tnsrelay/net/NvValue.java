package dev.tnsrelay.net;

import java.util.List;
import java.util.Optional;

/**
 * The value of a name–value pair: a plain text ({@link Atom}), nested pairs ({@link Pairs}), or a
 * parenthesised comma list such as {@code (TNSNAMES, EZCONNECT)} ({@link Items}).
 */
public sealed interface NvValue permits NvValue.Atom, NvValue.Pairs, NvValue.Items {

    /**
     * A text value as written, quotes included, so that printing gives back what was read. Oracle treats
     * single and double quotes alike: they protect parentheses, {@code =}, {@code #} and commas.
     */
    record Atom(String text) implements NvValue {

        /**
         * The atom that reads back as {@code value} ({@link #unquoted()}): the value as it is when the parser
         * reads it so, else in double or single quotes with that quote escaped inside.
         *
         * @throws IllegalArgumentException for the rare value no quoting reads back, such as one that ends in
         *     a backslash
         */
        public static Atom of(String value) {
            for (String text : new String[] {value, quoted(value, '"'), quoted(value, '\'')}) {
                if (readsBackAs(text, value)) {
                    return new Atom(text);
                }
            }
            throw new IllegalArgumentException("the value cannot be written so that it reads back the same: it has a"
                    + " backslash before a quote or at its end");
        }

        /**
         * The atom for text as someone wrote it where a value goes (an Easy Connect string): kept as it is when it
         * reads back as itself, quotes and all; otherwise quoted ({@link #of}), so that it cannot end the value early
         * or add pairs of its own.
         *
         * @throws IllegalArgumentException for the rare text no quoting writes back
         */
        public static Atom asWritten(String text) {
            return read(text).map(Atom::text).filter(text::equals).isPresent() ? new Atom(text) : of(text);
        }

        private static String quoted(String value, char quote) {
            String q = String.valueOf(quote);
            return q + value.replace(q, "\\" + q) + q;
        }

        private static boolean readsBackAs(String text, String value) {
            return read(text).map(Atom::unquoted).filter(value::equals).isPresent();
        }

        /** What the parser makes of {@code text} as a value, if a plain or quoted value. */
        private static Optional<Atom> read(String text) {
            try {
                return NvParser.parse("(V=" + text + ")", "value").value() instanceof Atom a
                        ? Optional.of(a) : Optional.empty();
            } catch (NetParseException e) {
                return Optional.empty();
            }
        }

        /** The value without its surrounding quotes, if it has them. */
        public String unquoted() {
            if (isQuoted()) {
                char quote = text.charAt(0);
                return text.substring(1, text.length() - 1).replace("\\" + quote, String.valueOf(quote));
            }
            return text;
        }

        public boolean isQuoted() {
            return text.length() >= 2
                    && (text.charAt(0) == '"' || text.charAt(0) == '\'')
                    && text.charAt(text.length() - 1) == text.charAt(0);
        }
    }

    /** One or more nested pairs, in the order written. */
    record Pairs(List<NvPair> pairs) implements NvValue {
        public Pairs {
            pairs = List.copyOf(pairs);
        }
    }

    /** A parenthesised list of plain values: {@code (TNSNAMES, EZCONNECT)}. */
    record Items(List<Atom> items) implements NvValue {
        public Items {
            items = List.copyOf(items);
        }
    }
}
