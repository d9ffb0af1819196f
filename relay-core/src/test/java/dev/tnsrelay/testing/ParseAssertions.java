package dev.tnsrelay.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.net.NetParseException;

/** The one check every error test makes: where the parse error points, and what it says. */
public final class ParseAssertions {

    private ParseAssertions() {
    }

    public static void assertAt(NetParseException e, int line, int column, String detailPart) {
        assertEquals(line, e.position().line(), e.getMessage());
        assertEquals(column, e.position().column(), e.getMessage());
        assertTrue(e.detail().contains(detailPart), e.getMessage());
    }
}
