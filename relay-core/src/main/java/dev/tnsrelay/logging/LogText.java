package dev.tnsrelay.logging;

/**
 * The one encoder for text that reaches a log, the audit log or an event: control characters (CR, LF, TAB,
 * NUL, DEL, the C1 range and Unicode's line and paragraph separators) are written as escapes, a backslash and
 * a double quote are escaped so that a quoted field cannot be closed from inside, and the text is cut to a
 * bound with the number of characters left out. A value so written stays on its line and in its field, whatever
 * a client put in its connect data or a stranger typed as a user name.
 */
public final class LogText {

    /** Bound for a name (a user, a service, an instance): longer ones are not names but attacks. */
    public static final int NAME = 128;
    /** Bound for a sentence (a reason, an action, an outcome). */
    public static final int TEXT = 1024;

    private LogText() {
    }

    /** {@code text} escaped and cut to {@code max} characters of the original; null reads {@code (null)}. */
    public static String of(String text, int max) {
        if (text == null) {
            return "(null)";
        }
        int keep = Math.min(text.length(), max);
        if (keep > 0 && keep < text.length() && Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--; // never cut a character in half
        }
        StringBuilder out = null;
        for (int i = 0; i < keep; i++) {
            char c = text.charAt(i);
            String escape = escape(c);
            if (escape != null && out == null) {
                out = new StringBuilder(keep + 16).append(text, 0, i);
            }
            if (out != null) {
                if (escape != null) {
                    out.append(escape);
                } else {
                    out.append(c);
                }
            }
        }
        String body = out != null ? out.toString() : keep == text.length() ? text : text.substring(0, keep);
        return keep == text.length() ? body : body + "…(+" + (text.length() - keep) + " chars)";
    }

    /**
     * {@code text} cut to {@code max} characters as {@link #of(String, int)} cuts it, but not escaped: for a field
     * that goes on to a writer that escapes the whole (an event's text), so that it is escaped once.
     */
    public static String cut(String text, int max) {
        if (text == null) {
            return "(null)";
        }
        int keep = Math.min(text.length(), max);
        if (keep > 0 && keep < text.length() && Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--;
        }
        return keep == text.length() ? text : text.substring(0, keep) + "…(+" + (text.length() - keep) + " chars)";
    }

    /** A sentence: {@link #of(String, int)} with {@link #TEXT}. */
    public static String of(String text) {
        return of(text, TEXT);
    }

    private static String escape(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case '\\' -> "\\\\";
            case '"' -> "\\\"";
            default -> c < 0x20 || c >= 0x7f && c <= 0x9f || c == '\u2028' || c == '\u2029'
                    ? String.format("\\u%04x", (int) c) : null;
        };
    }
}
