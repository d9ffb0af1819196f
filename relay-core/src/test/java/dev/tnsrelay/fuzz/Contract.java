package dev.tnsrelay.fuzz;

import dev.tnsrelay.net.NetParseException;
import dev.tnsrelay.net.TextPosition;

/**
 * What every fuzz target asserts about a refusal: the parser's documented exception, saying where (a
 * {@link NetParseException}'s source, line and column) or at least what (a message). Anything else a target
 * lets through — another exception, an {@link Error}, a hang — is a finding.
 */
public final class Contract {

    private Contract() {
    }

    /** A parse error points into the text: a source, and a line and column counted from 1. */
    public static void positioned(NetParseException e) {
        TextPosition p = e.position();
        if (p == null || p.source() == null || p.line() < 1 || p.column() < 1 || blank(e.detail())) {
            throw new AssertionError("a parse error without a position or a detail: " + e.getMessage(), e);
        }
    }

    /** Any other refusal says what was wrong. */
    public static void explained(RuntimeException e) {
        if (blank(e.getMessage())) {
            throw new AssertionError(e.getClass().getName() + " without a message", e);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
