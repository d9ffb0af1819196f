package dev.tnsrelay.net;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the Oracle Net name–value syntax: one value such as a connect descriptor ({@link #parse}), or a
 * whole {@code *.ora} file of {@code NAME = value} entries ({@link #parseFile}).
 *
 * <p>Rules, as Oracle's readers apply them: names are case-insensitive; blanks, tabs and CR/LF may stand
 * between any two tokens; {@code #} starts a comment outside quotes; single and double quotes protect
 * {@code ( ) = # ,}; a plain value ends at its line's end. In a file, a new entry starts on a line whose
 * first column holds a name character; a line that starts with a blank continues the entry before it
 * (so an indented {@code "  DEMO ="} is not a new alias).
 *
 * <p>Input is bounded: {@link #MAX_DEPTH} levels of nesting and {@link #MAX_CHARS} characters, so that
 * no input can exhaust the stack or the heap. Every failure is a {@link NetParseException} with a position.
 */
public final class NvParser {

    /** Deepest nesting accepted; real descriptors use fewer than ten levels. */
    public static final int MAX_DEPTH = 64;

    /** Largest text accepted: four times the largest real tnsnames.ora we know (CERN's, 164 KB). */
    public static final int MAX_CHARS = 1 << 20;

    private final NvScanner in;
    /** In a file, a name in column 1 ends an unfinished entry instead of being read as its value. */
    private final boolean fileMode;

    private NvParser(String text, String source, boolean fileMode) {
        this.in = new NvScanner(text, source);
        this.fileMode = fileMode;
        if (text.length() > MAX_CHARS) {
            throw new NetParseException(new TextPosition(source, 1, 1),
                    "text of " + text.length() + " characters is longer than the " + MAX_CHARS + " accepted");
        }
    }

    /** Parses one {@code (NAME=value)}, such as a connect descriptor, and nothing after it. */
    public static NvPair parse(String text, String source) {
        NvParser p = new NvParser(text, source, false);
        p.in.skipSpace();
        if (p.in.peek() != '(') {
            throw p.in.error("expected '(' to start a (NAME=value) pair, found " + NvScanner.describe(p.in.peek()));
        }
        TextPosition open = p.in.here();
        if (!(p.pairOrItems(0) instanceof NvPair pair)) {
            throw new NetParseException(open, "expected a (NAME=value) pair, found a list (a, b)");
        }
        p.in.skipSpace();
        if (!p.in.atEnd()) {
            throw p.in.error("unexpected " + NvScanner.describe(p.in.peek()) + " after the closing ')'");
        }
        return pair;
    }

    /**
     * How many characters the {@code (NAME=value)} at the start of {@code text} takes, read as {@link #parse}
     * reads it (quotes, escapes and comments included): for rewriting one pair of a file in place.
     */
    public static int pairLength(String text, String source) {
        NvParser p = new NvParser(text, source, false);
        if (p.in.peek() != '(') {
            throw p.in.error("expected '(' to start a (NAME=value) pair, found " + NvScanner.describe(p.in.peek()));
        }
        p.pairOrItems(0);
        return p.in.offset();
    }

    /** Parses a {@code *.ora} file. Entries that fail are reported in {@link NvFile#problems()}. */
    public static NvFile parseFile(String text, String source) {
        return new NvParser(text, source, true).file(source);
    }

    private NvFile file(String source) {
        List<NvFile.Entry> entries = new ArrayList<>();
        List<NvFile.Problem> problems = new ArrayList<>();
        in.skipSpace();
        while (!in.atEnd()) {
            List<String> names = new ArrayList<>();
            int start = in.offset();
            try {
                entries.add(entry(names));
            } catch (NetParseException e) {
                problems.add(new NvFile.Problem(names, e));
                recover(start);
            }
        }
        return new NvFile(source, entries, problems);
    }

    private NvFile.Entry entry(List<String> names) {
        TextPosition start = in.here();
        names.add(name());
        commentRightAfterName(names);
        in.skipSpace();
        while (in.peek() == ',') {
            in.advance();
            in.skipSpace();
            names.add(name());
            commentRightAfterName(names);
            in.skipSpace();
        }
        if (in.peek() != '=') {
            throw in.error("expected '=' after " + names.get(names.size() - 1) + ", found "
                    + NvScanner.describe(in.peek()));
        }
        in.advance();
        in.skipSpace();
        NvValue value = topValue(names.get(0));
        in.skipSpace();
        if (!in.atEnd() && !in.atEntryStart()) {
            if (in.peek() == ')') {
                throw in.error("one ')' too many in the entry " + names.get(0)
                        + "; an earlier ')' may close a list too soon");
            }
            throw in.error("unexpected " + word() + " after the value of " + names.get(0)
                    + "; a line that starts with a blank continues the entry before it");
        }
        return new NvFile.Entry(names, value, start);
    }

    /** The value of a top-level entry: pairs, a list, or plain text up to the line's end. */
    private NvValue topValue(String entryName) {
        if (in.atEnd() || in.atEntryStart()) {
            throw in.error("expected a value for " + entryName + ", found " + NvScanner.describe(in.peek()));
        }
        if (in.peek() == '(') {
            Object first = pairOrItems(0);
            if (first instanceof NvValue.Items items) {
                return items;
            }
            List<NvPair> pairs = new ArrayList<>();
            pairs.add((NvPair) first);
            in.skipSpace();
            while (in.peek() == '(' && !in.atEntryStart()) {
                Object next = pairOrItems(0);
                if (!(next instanceof NvPair np)) {
                    throw in.error("a list (a, b) cannot follow (NAME=value) pairs");
                }
                pairs.add(np);
                in.skipSpace();
            }
            return new NvValue.Pairs(pairs);
        }
        if (NvSyntax.isQuote(in.peek())) {
            return new NvValue.Atom(quoted());
        }
        int from = in.offset();
        while (!in.atEnd() && in.peek() != '\n' && in.peek() != '#') {
            if (in.peek() == '(' || in.peek() == ')') {
                throw in.error("unexpected " + NvScanner.describe(in.peek()) + " in the value of " + entryName
                        + "; quote a value that holds parentheses");
            }
            in.advance();
        }
        return new NvValue.Atom(in.slice(from, in.offset()).strip());
    }

    /** The word at the current position, quoted, for messages. */
    private String word() {
        int from = in.offset();
        int to = from;
        while (to - from < 40 && NvSyntax.isNameChar(in.charAt(to))) {
            to++;
        }
        return to == from ? NvScanner.describe(in.peek()) : "'" + in.slice(from, to) + "'";
    }

    /**
     * After an error: go on at the next line that starts with a name in column 1 (which may be where the
     * error stopped, when an entry was cut short by the next one).
     */
    private void recover(int entryStart) {
        if (in.offset() > entryStart && in.atEntryStart()) {
            return;
        }
        do {
            in.skipLine();
        } while (!in.atEnd() && !in.atEntryStart());
    }

    /** {@code CMAN_###HOST### =}: a '#' glued to a name cuts the line; say so where it happens. */
    private void commentRightAfterName(List<String> names) {
        if (in.peek() == '#') {
            throw in.error("expected '=' after " + names.get(names.size() - 1)
                    + ", found '#', which starts a comment to the end of the line");
        }
    }

    private String name() {
        TextPosition at = in.here();
        int from = in.offset();
        while (NvSyntax.isNameChar(in.peek())) {
            in.advance();
        }
        if (in.offset() == from) {
            throw new NetParseException(at, "expected a name, found " + NvScanner.describe(in.peek()));
        }
        return in.slice(from, in.offset());
    }

    /**
     * Reads {@code (NAME=value)} or {@code (a, b)} from its opening parenthesis; returns an {@link NvPair}
     * or an {@link NvValue.Items}.
     */
    private Object pairOrItems(int depth) {
        TextPosition open = in.here();
        if (depth >= MAX_DEPTH) {
            throw new NetParseException(open, "nesting deeper than " + MAX_DEPTH + " levels");
        }
        in.advance(); // '('
        space(open);
        if (NvSyntax.isQuote(in.peek())) {
            return itemsFrom(new NvValue.Atom(quoted()), open);
        }
        TextPosition headAt = in.here();
        int from = in.offset();
        while (!in.atEnd() && "=(),#\"'".indexOf(in.peek()) < 0 && !(fileMode && in.atEntryStart())) {
            in.advance();
        }
        String head = in.slice(from, in.offset()).strip();
        space(open);
        int next = in.peek();
        if (next == '=') {
            checkName(head, headAt);
            in.advance();
            space(open);
            return new NvPair(head, pairValue(depth, open), open);
        }
        if (head.isEmpty()) {
            throw in.error(next == ')' ? "empty parentheses: expected (NAME=value)"
                    : "expected a name after '(', found " + NvScanner.describe(next));
        }
        int blank = firstBlank(head);
        if (blank >= 0 && head.indexOf('\n') < 0) {
            int after = blank;
            while (Character.isWhitespace(head.charAt(after))) {
                after++;
            }
            throw new NetParseException(new TextPosition(headAt.source(), headAt.line(), headAt.column() + after),
                    "expected '=' after " + head.substring(0, blank) + ", found '" + head.charAt(after) + "'");
        }
        if (next == ',' || next == ')') {
            return itemsFrom(new NvValue.Atom(head), open);
        }
        throw in.error("expected '=' after " + head + ", found " + NvScanner.describe(next));
    }

    private NvValue pairValue(int depth, TextPosition open) {
        int c = in.peek();
        NvValue value;
        if (c == '(') {
            List<NvPair> pairs = new ArrayList<>();
            NvValue.Items items = null;
            while (in.peek() == '(') {
                Object child = pairOrItems(depth + 1);
                if (child instanceof NvPair np) {
                    pairs.add(np);
                } else if (pairs.isEmpty() && items == null) {
                    items = (NvValue.Items) child;
                } else {
                    throw in.error("a list (a, b) cannot stand beside (NAME=value) pairs");
                }
                space(open);
            }
            if (items != null && !pairs.isEmpty()) {
                throw new NetParseException(open, "a list (a, b) cannot stand beside (NAME=value) pairs");
            }
            value = items != null ? items : new NvValue.Pairs(pairs);
        } else if (NvSyntax.isQuote(c)) {
            value = new NvValue.Atom(quoted());
            space(open);
        } else {
            value = new NvValue.Atom(plain());
            space(open);
        }
        close(open);
        return value;
    }

    private NvValue.Items itemsFrom(NvValue.Atom first, TextPosition open) {
        List<NvValue.Atom> items = new ArrayList<>();
        items.add(first);
        space(open);
        while (in.peek() == ',') {
            in.advance();
            space(open);
            items.add(new NvValue.Atom(NvSyntax.isQuote(in.peek()) ? quoted() : item()));
            space(open);
        }
        close(open);
        return new NvValue.Items(items);
    }

    private void close(TextPosition open) {
        if (in.peek() != ')') {
            if (in.atEnd() || fileMode && in.atEntryStart()) {
                throw new NetParseException(open, "'(' is never closed"
                        + (in.atEnd() ? "" : " before the next entry at line " + in.here().line()));
            }
            throw in.error("expected ')' to close the '(' at line " + open.line() + " column " + open.column()
                    + ", found " + NvScanner.describe(in.peek()));
        }
        in.advance();
    }

    /** Skips blanks inside an open pair; reaching the end or the next entry means it is never closed. */
    private void space(TextPosition open) {
        in.skipSpace();
        if (in.atEnd() || fileMode && in.atEntryStart()) {
            throw new NetParseException(open, "'(' is never closed"
                    + (in.atEnd() ? "" : " before the next entry at line " + in.here().line()));
        }
    }

    /** A plain value: up to ')' on the same line; '=' and ',' are part of it. */
    private String plain() {
        int from = in.offset();
        while (!in.atEnd() && "()#\n".indexOf(in.peek()) < 0) {
            if (in.peek() == '\\') {
                in.advance();
                if (in.atEnd() || in.peek() == '\n') {
                    break;
                }
            }
            in.advance();
        }
        if (in.peek() == '(') {
            throw in.error("unexpected '(' in a value; quote a value that holds parentheses");
        }
        return in.slice(from, in.offset()).strip();
    }

    /** One element of a comma list: up to ',' or ')' on the same line. */
    private String item() {
        int from = in.offset();
        while (!in.atEnd() && "(),#\n".indexOf(in.peek()) < 0) {
            in.advance();
        }
        if (in.peek() == '(') {
            throw in.error("unexpected '(' in a list; quote a value that holds parentheses");
        }
        return in.slice(from, in.offset()).strip();
    }

    /** A quoted value, quotes included; a backslash escapes the next character. */
    private String quoted() {
        TextPosition at = in.here();
        int quote = in.peek();
        int from = in.offset();
        in.advance();
        while (!in.atEnd() && in.peek() != quote) {
            if (in.peek() == '\\') {
                in.advance();
                if (in.atEnd()) {
                    break;
                }
            }
            in.advance();
        }
        if (in.atEnd()) {
            throw new NetParseException(at, "the quote " + (char) quote + " is never closed");
        }
        in.advance();
        return in.slice(from, in.offset());
    }

    private static int firstBlank(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static void checkName(String name, TextPosition at) {
        if (name.isEmpty()) {
            throw new NetParseException(at, "missing name before '='");
        }
        for (int i = 0; i < name.length(); i++) {
            if (!NvSyntax.isNameChar(name.charAt(i))) {
                TextPosition bad = at.line() > 0 && name.indexOf('\n') < 0
                        ? new TextPosition(at.source(), at.line(), at.column() + i) : at;
                throw new NetParseException(bad, "invalid character '" + name.charAt(i) + "' in the name '" + name
                        + "': names are letters, digits and _ . - $");
            }
        }
    }
}
