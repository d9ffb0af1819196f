package dev.tnsrelay.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A value as it is kept in the grid: lines of {@code key=value}, a key may repeat, and a value may hold fields
 * separated by tabs. Backslash, newline, carriage return and tab inside a field are escaped, so every value reads
 * back as it was written. Plain text on purpose: no class of tnsrelay's is ever serialised into the grid.
 */
final class GridText {

    private final List<String[]> lines = new ArrayList<>();

    GridText add(String key, Object... fields) {
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                value.append('\t');
            }
            value.append(escape(String.valueOf(fields[i])));
        }
        lines.add(new String[] {key, value.toString()});
        return this;
    }

    /** The fields of the first line of {@code key}. */
    Optional<List<String>> fields(String key) {
        return all(key).stream().findFirst();
    }

    /** The first field of the first line of {@code key}. */
    Optional<String> get(String key) {
        return fields(key).map(f -> f.get(0));
    }

    String text(String key) {
        return get(key).orElseThrow(() -> new IllegalArgumentException("no " + key + " in a grid value"));
    }

    long number(String key) {
        return Long.parseLong(text(key));
    }

    /** The fields of every line of {@code key}, in order. */
    List<List<String>> all(String key) {
        List<List<String>> out = new ArrayList<>();
        for (String[] l : lines) {
            if (l[0].equals(key)) {
                List<String> fields = new ArrayList<>();
                for (String f : l[1].split("\t", -1)) {
                    fields.add(unescape(f));
                }
                out.add(fields);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        lines.forEach(l -> out.append(l[0]).append('=').append(l[1]).append('\n'));
        return out.toString();
    }

    static GridText parse(String text) {
        GridText t = new GridText();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                t.lines.add(new String[] {line.substring(0, eq), line.substring(eq + 1)});
            }
        }
        return t;
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n == 't' ? '\t' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
