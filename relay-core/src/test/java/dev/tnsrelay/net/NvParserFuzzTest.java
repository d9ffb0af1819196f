package dev.tnsrelay.net;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tnsrelay.descriptor.Address;
import dev.tnsrelay.descriptor.ConnectDescriptor;
import dev.tnsrelay.descriptor.SourceRoutes;
import dev.tnsrelay.fuzz.Contract;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz targets for the name–value syntax: one value such as a connect descriptor (what every client sends), and
 * whole {@code *.ora} files. Text is read as ISO-8859-1, as the gateway reads connect data and the files.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NvParserFuzzTest {

    /**
     * A descriptor: parsed, printed in both layouts and read back equal (NvPrinter's promise), then read as a
     * connect descriptor and routed through a gateway as the adapter does for applications.
     */
    @FuzzTest
    @DictionaryFile(resourcePath = "/dev/tnsrelay/fuzz/ora.dict")
    void parse(byte[] input) {
        String text = new String(input, StandardCharsets.ISO_8859_1);
        NvPair pair;
        try {
            pair = NvParser.parse(text, "connect data");
        } catch (NetParseException e) {
            Contract.positioned(e);
            return;
        }
        readsBack(pair, NvPrinter.canonical(pair));
        readsBack(pair, NvPrinter.pretty(pair));
        try {
            // as the adapter's naming does: a resolved descriptor has an address, then it is routed
            ConnectDescriptor d = ConnectDescriptor.of(pair).requireAddress();
            ConnectDescriptor routed = SourceRoutes.via(d, Address.tcp("127.0.0.1", 1522));
            if (!ConnectDescriptor.parse(routed.toString(), "routed").equals(routed)) {
                throw new AssertionError("a routed descriptor does not read back: " + routed);
            }
        } catch (NetParseException e) {
            Contract.positioned(e);
        }
    }

    /** A whole file: every entry that cannot be read is a positioned problem, and the others are read. */
    @FuzzTest
    @DictionaryFile(resourcePath = "/dev/tnsrelay/fuzz/ora.dict")
    void parseFile(byte[] input) {
        String text = new String(input, StandardCharsets.ISO_8859_1);
        try {
            NvFile file = NvParser.parseFile(text, "fuzz.ora");
            file.problems().forEach(p -> Contract.positioned(p.error()));
            file.entries().forEach(e -> NvPrinter.pretty(e.asPair()));
        } catch (NetParseException e) {
            Contract.positioned(e);
        }
    }

    private static void readsBack(NvPair pair, String printed) {
        NvPair again;
        try {
            again = NvParser.parse(printed, "printed");
        } catch (NetParseException e) {
            throw new AssertionError("printed " + printed + " does not parse: " + e.getMessage(), e);
        }
        if (!again.equals(pair) || !NvPrinter.canonical(again).equals(NvPrinter.canonical(pair))) {
            throw new AssertionError("printed " + printed + " reads back as " + again);
        }
    }
}
