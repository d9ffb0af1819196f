package dev.tnsrelay.net;

/**
 * Where something stands in a text: the source (a file name, or a label such as {@code "connect data"}),
 * the line and the column, both counted from 1. A tab counts as one column.
 */
public record TextPosition(String source, int line, int column) {

    @Override
    public String toString() {
        return source + ":" + line + ":" + column;
    }
}
