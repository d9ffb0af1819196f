package dev.tnsrelay.naming;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tnsrelay.descriptor.ConnectDescriptor;
import dev.tnsrelay.fuzz.Contract;
import dev.tnsrelay.net.NetParseException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for Easy Connect. The descriptor it expands to is printed for clients (the adapter's naming,
 * bin/resolve), so the printed text must read back as the same descriptor.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EasyConnectFuzzTest {

    @FuzzTest
    void easyConnect(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        ConnectDescriptor d;
        try {
            d = EasyConnect.parse(text);
        } catch (NetParseException e) {
            Contract.positioned(e);
            return;
        }
        String printed = d.toString();
        ConnectDescriptor again;
        try {
            again = ConnectDescriptor.parse(printed, "printed");
        } catch (NetParseException e) {
            throw new AssertionError(text + " expands to " + printed + ", which does not read: " + e.getMessage(), e);
        }
        if (!again.equals(d)) {
            throw new AssertionError(text + " expands to " + printed + ", which reads back as " + again);
        }
    }
}
