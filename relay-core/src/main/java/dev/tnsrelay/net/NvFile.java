package dev.tnsrelay.net;

import java.util.List;

/**
 * A parsed {@code *.ora} file: the entries that could be read, in order, and the problems of those that
 * could not. One bad entry does not hide the others, as with Oracle's own readers.
 */
public record NvFile(String source, List<Entry> entries, List<Problem> problems) {

    public NvFile {
        entries = List.copyOf(entries);
        problems = List.copyOf(problems);
    }

    /**
     * {@code NAME = value}, or {@code NAME1, NAME2 = value} for an alias list. Names keep their case as
     * written.
     */
    public record Entry(List<String> names, NvValue value, TextPosition position) {
        public Entry {
            names = List.copyOf(names);
        }

        /** The value as one pair {@code (NAME=value)} under the first name, for the typed readers. */
        public NvPair asPair() {
            return new NvPair(names.get(0), value, position);
        }
    }

    /** An entry that could not be read; {@code names} is empty when not even a name could be read. */
    public record Problem(List<String> names, NetParseException error) {
        public Problem {
            names = List.copyOf(names);
        }
    }
}
