package dev.tnsrelay.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tnsrelay.config.CmanOra;
import dev.tnsrelay.descriptor.ConnectDescriptor;
import dev.tnsrelay.naming.EasyConnect;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bad input must end in the library's parse error with a position, never in another exception, a stack
 * overflow or a hang. The timeout is a hang guard, not a speed target.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NvRobustnessTest {

    private static final String SAMPLE = "(DESCRIPTION_LIST=(LOAD_BALANCE=on)(DESCRIPTION=(ADDRESS_LIST=(ADDRESS="
            + "(PROTOCOL=tcp)(HOST=[::1])(PORT=1521))(ADDRESS=(PROTOCOL=tcps)(HOST=h2)(PORT=2484)))"
            + "(CONNECT_DATA=(SERVICE_NAME=sales.example.com)(SERVER=dedicated))(SECURITY=(SSL_SERVER_CERT_DN="
            + "\"CN=a,O=b\"))(TRANSPORT_CONNECT_TIMEOUT=500 ms)(RETRY_COUNT=3)))";

    private static final String CMAN = """
            cman_a = (CONFIGURATION=(ADDRESS=(PROTOCOL=tcp)(HOST=127.0.0.1)(PORT=1522))
              (RULE_LIST=(RULE=(SRC=10.0.0.0/8)(DST=db)(SRV=*)(ACT=accept)(ACTION_LIST=(MIT=30))))
              (PARAMETER_LIST=(MAX_CONNECTIONS=10)(IDLE_TIMEOUT=60)))
            """;

    /** Runs every reader on the text; the only exception allowed is NetParseException with a position. */
    private static void feed(String text) {
        try {
            ConnectDescriptor.parse(text, "fuzz");
        } catch (NetParseException e) {
            assertPositioned(e);
        }
        try {
            NvParser.parseFile(text, "fuzz").problems().forEach(p -> assertPositioned(p.error()));
        } catch (NetParseException e) {
            assertPositioned(e);
        }
        try {
            CmanOra.parse(text, "fuzz");
        } catch (NetParseException e) {
            assertPositioned(e);
        }
        try {
            EasyConnect.parse(text);
        } catch (NetParseException e) {
            assertPositioned(e);
        }
    }

    private static void assertPositioned(NetParseException e) {
        assertNotNull(e.position(), e.getMessage());
        assertTrue(e.position().line() >= 1, e.getMessage());
        assertTrue(e.position().column() >= 1, e.getMessage());
    }

    @Test
    void everyTruncationOfValidInput() {
        for (String valid : new String[] {SAMPLE, CMAN}) {
            for (int i = 0; i <= valid.length(); i++) {
                feed(valid.substring(0, i));
            }
        }
    }

    @Test
    void deepNestingEndsInAnErrorNotAStackOverflow() {
        for (int depth : new int[] {65, 1_000, 100_000}) {
            feed("(A=".repeat(depth));
            feed("(A=".repeat(depth) + "x" + ")".repeat(depth));
            feed("(".repeat(depth));
            feed("a = " + "(".repeat(depth));
        }
    }

    @Test
    void randomBytesAndRandomMutations() {
        Random random = new Random(20261121);
        String alphabet = "()=,#'\"\\ \t\r\nAZaz09_.-:/[]*?&;@";
        for (int round = 0; round < 5_000; round++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(200);
            for (int i = 0; i < length; i++) {
                b.append(random.nextInt(4) == 0 ? (char) random.nextInt(0x3000)
                        : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            feed(b.toString());
            char[] mutated = (round % 2 == 0 ? SAMPLE : CMAN).toCharArray();
            for (int k = 0; k < 3; k++) {
                mutated[random.nextInt(mutated.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            feed(new String(mutated));
        }
    }

    @Test
    void theSampleItselfIsValid() {
        assertEquals(2, ConnectDescriptor.parse(SAMPLE, "t").descriptions().get(0).addresses().size());
        assertEquals(1, CmanOra.parse(CMAN, "t").instances().size());
    }
}
