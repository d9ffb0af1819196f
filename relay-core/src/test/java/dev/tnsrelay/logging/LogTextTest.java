package dev.tnsrelay.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void aForgedAuditLineStaysInItsField() {
        String who = "admin\nuser=admin action=\"shutdown abort\"";
        assertEquals("admin\\nuser=admin action=\\\"shutdown abort\\\"", LogText.of(who));
        assertEquals("sales.example.com", LogText.of("sales.example.com"));
    }

    @Test
    void everyControlCharacterBecomesVisibleAndNoLineBreakSurvives() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0xa0; c++) {
            all.append(c);
        }
        all.append('\u2028').append('\u2029');
        String out = LogText.of(all.toString(), 10_000);
        assertTrue(out.chars().noneMatch(c -> c < 0x20 || c >= 0x7f && c <= 0x9f || c == 0x2028 || c == 0x2029), out);
        assertTrue(out.contains("\\r") && out.contains("\\n") && out.contains("\\t") && out.contains("\\u0000")
                && out.contains("\\u007f") && out.contains("\\u2028"), out);
    }

    @Test
    void longTextIsCutAndSaysHowMuchWasLeftOut() {
        String name = "x".repeat(10_000_000);
        String out = LogText.of(name, LogText.NAME);
        assertEquals("x".repeat(128) + "…(+9999872 chars)", out);
        assertFalse(LogText.of("\uD83D\uDE00".repeat(100), 3).contains("\uD83D…"), "no half character");
    }

    @Test
    void aCutFieldIsBoundedButLeftForItsWriterToEscape() {
        assertEquals("a\nb", LogText.cut("a\nb", 10));
        assertEquals("ab…(+1 chars)", LogText.cut("abc", 2));
        assertEquals("a\\nb", LogText.of(LogText.cut("a\nb", 10)), "escaped once, by whoever writes it");
    }

    @Test
    void cleanShortTextIsNotCopied() {
        String s = "sales";
        assertSame(s, LogText.of(s));
        assertEquals("(null)", LogText.of(null));
        assertEquals("", LogText.of(""), "an empty value (a service not named) is empty, not an error");
        assertEquals("…(+2 chars)", LogText.of("ab", 0));
    }
}
