package dev.tnsrelay.net;

/**
 * Walks a text character by character, keeping line and column, and skips blanks and {@code #} comments.
 * A {@code #} outside quotes starts a comment wherever it stands, as in every Oracle Net file.
 */
final class NvScanner {

    static final int EOF = -1;

    private final String text;
    private final String source;
    private int pos;
    private int line = 1;
    private int column = 1;

    NvScanner(String text, String source) {
        this.text = text;
        this.source = source;
    }

    int peek() {
        return pos < text.length() ? text.charAt(pos) : EOF;
    }

    /** The character at an absolute offset, or {@link #EOF} past the end. */
    int charAt(int offset) {
        return offset < text.length() ? text.charAt(offset) : EOF;
    }

    boolean atEnd() {
        return pos >= text.length();
    }

    int column() {
        return column;
    }

    int offset() {
        return pos;
    }

    String slice(int from, int to) {
        return text.substring(from, to);
    }

    void advance() {
        char c = text.charAt(pos++);
        if (c == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
    }

    TextPosition here() {
        return new TextPosition(source, line, column);
    }

    NetParseException error(String detail) {
        return new NetParseException(here(), detail);
    }

    /** Skips blanks, line ends and comments. */
    void skipSpace() {
        while (!atEnd()) {
            int c = peek();
            if (c == '#') {
                while (!atEnd() && peek() != '\n') {
                    advance();
                }
            } else if (Character.isWhitespace(c)) {
                advance();
            } else {
                return;
            }
        }
    }

    /** Moves to the start of the next line (or the end). */
    void skipLine() {
        while (!atEnd() && peek() != '\n') {
            advance();
        }
        if (!atEnd()) {
            advance();
        }
    }

    /** True where a new top-level entry can start: a name character in column 1. */
    boolean atEntryStart() {
        return column == 1 && NvSyntax.isNameChar(peek());
    }

    static String describe(int c) {
        if (c == EOF) {
            return "the end of the text";
        }
        if (c == '\n' || c == '\r') {
            return "the end of the line";
        }
        return "'" + (char) c + "'";
    }
}
