package dev.tnsrelay.admin;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tnsrelay.fuzz.Contract;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** Fuzz target for the cmctl grammar: a command line is a command, or cmctl's error (TNS-04xxx). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CmctlCommandFuzzTest {

    @FuzzTest
    void parse(byte[] input) {
        String line = new String(input, StandardCharsets.UTF_8);
        try {
            CmctlCommand c = CmctlCommand.parse(line);
            c.filter().predicate(java.time.Instant.EPOCH);
        } catch (CmctlException e) {
            Contract.explained(e);
        }
    }
}
